// What markdown.cpp and tables.cpp share of cmark-gfm's tree: its handles in RAII, rendering a
// node, and a node's text. Nothing of cmark is seen outside generator/markdown/.
#pragma once

#include <cmark-gfm.h>

#include <memory>
#include <string>

namespace kiosk {

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

// The HTML of a node of a document parsed by `parser`, with the parser's extensions.
std::string RenderHtml(cmark_node* node, cmark_parser* parser, int options);

// The text a node shows, reading into emphasis and links; line breaks become spaces.
std::string PlainText(cmark_node* node);

}  // namespace kiosk
