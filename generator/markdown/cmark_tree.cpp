#include "markdown/cmark_tree.h"

#include <cmark-gfm-extension_api.h>

#include <cstdlib>

namespace kiosk {

std::string RenderHtml(cmark_node* node, cmark_parser* parser, int options) {
  char* html = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser));
  std::string result(html);
  std::free(html);
  return result;
}

std::string PlainText(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      return cmark_node_get_literal(node);
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      return " ";
    default: {
      std::string text;
      for (cmark_node* child = cmark_node_first_child(node); child;
           child = cmark_node_next(child)) {
        text += PlainText(child);
      }
      return text;
    }
  }
}

}  // namespace kiosk
