#include "check/page_context.h"

#include <algorithm>
#include <set>

namespace kiosk::check {

namespace {

bool IsFormControl(const std::string& name) {
  return name == "select" || name == "textarea" || name == "input" || name == "button";
}

std::string CodeInEdition(std::string_view code, Edition edition) {
  if (edition == Edition::k110_07) {
    if (code == "HM1130103C") return "HM1130103C_1";
    if (code == "HM1130105C") return "HM1130103C";
  }
  return std::string(code);
}

}  // namespace

bool IsPhrasing(const std::string& name) {
  static const std::set<std::string> kInline = {
      "a",   "abbr", "b",    "bdi", "bdo",   "cite", "code",  "data", "dfn",    "em",
      "i",   "kbd",  "mark", "q",   "s",     "samp", "small", "span", "strong", "sub",
      "sup", "time", "u",    "var", "label", "ruby", "rt",    "rp",   "del",    "ins"};
  return kInline.count(name) > 0;
}

bool InlineStyleHides(const std::string& style) {
  for (const CssDeclaration& declaration : ParseDeclarations(style)) {
    const std::string value = Lower(declaration.value);
    if (declaration.property == "display" && value == "none") return true;
    if (declaration.property == "visibility" && (value == "hidden" || value == "collapse")) {
      return true;
    }
  }
  return false;
}

PageContext::PageContext(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
                         const CheckOptions& options, CascadeCache* cascade)
    : page_(page),
      sheets_(sheets),
      options_(options),
      cascade_(cascade),
      skipped_(page.nodes().size(), 0) {
  if (page.html() >= 0) {
    if (const std::string* lang = page.node(page.html()).Find("lang")) {
      root_lang_ = CollapseSpace(*lang);
    }
  }
  for (size_t id = 1; id < page.nodes().size(); ++id) {
    const HtmlNode& node = page.node(static_cast<int>(id));
    const int parent = node.parent;
    bool skipped = parent > 0 && skipped_[parent];
    if (node.is_element() && !skipped) {
      if (node.name == "slot") skipped = true;
      const std::string* aria_hidden = node.Find("aria-hidden");
      if (aria_hidden && Lower(CollapseSpace(*aria_hidden)) == "true") skipped = true;
      // hidden="until-found" is shown when the browser's find reaches it: it is read.
      const std::string* hidden = node.Find("hidden");
      if (hidden && Lower(CollapseSpace(*hidden)) != "until-found") skipped = true;
      const std::string* style = node.Find("style");
      if (style && InlineStyleHides(*style)) skipped = true;
    }
    skipped_[id] = skipped;
    if (node.is_element() && !skipped) elements_.push_back(static_cast<int>(id));
  }
  subtree_end_.assign(page.nodes().size(), 0);
  for (int id = static_cast<int>(page.nodes().size()) - 1; id >= 0; --id) {
    const HtmlNode& node = page.node(id);
    subtree_end_[id] = node.children.empty() ? id + 1 : subtree_end_[node.children.back()];
  }
}

const StyleResolver& PageContext::styles() {
  if (!styles_) {
    styles_ = std::make_unique<StyleResolver>(page_, sheets_, options_.viewport_width, cascade_);
  }
  return *styles_;
}

std::vector<int> PageContext::Elements(std::string_view name) const {
  std::vector<int> found;
  for (int id : elements_) {
    if (page_.node(id).name == name) found.push_back(id);
  }
  return found;
}

bool PageContext::InBody(int node) const {
  return page_.body() >= 0 && page_.Contains(page_.body(), node);
}

bool PageContext::InForeign(int node) const {
  for (int at = node; at > 0; at = page_.node(at).parent) {
    if (page_.node(at).name == "svg" || page_.node(at).name == "math") return true;
  }
  return false;
}

std::string PageContext::Attr(int element, std::string_view name) const {
  const std::string* value = page_.node(element).Find(name);
  return value ? CollapseSpace(*value) : std::string();
}

std::string PageContext::ContentName(int element) const {
  std::string text;
  for (int child : page_.node(element).children) {
    const HtmlNode& node = page_.node(child);
    if (Skipped(child)) continue;
    if (node.is_text()) {
      text += node.text;
      continue;
    }
    const std::string& name = node.name;
    if (name == "script" || name == "style" || name == "title" || IsFormControl(name) ||
        name == "option" || name == "datalist") {
      if (name == "input" && Lower(Attr(child, "type")) == "image")
        text += " " + Attr(child, "alt") + " ";
      continue;
    }
    const std::string labelled_by = Attr(child, "aria-labelledby");
    const std::string label = Attr(child, "aria-label");
    if (!labelled_by.empty() && !LabelledByText(labelled_by).empty()) {
      text += " " + LabelledByText(labelled_by) + " ";
    } else if (!label.empty()) {
      text += " " + label + " ";
    } else if (name == "img" || name == "area") {
      text += " " + Attr(child, "alt") + " ";
    } else if (name == "svg") {
      for (int part : node.children) {
        if (page_.node(part).name == "title") text += " " + page_.TextContent(part) + " ";
      }
    } else {
      text += " " + ContentName(child) + " ";
    }
  }
  return CollapseSpace(text);
}

std::string PageContext::LabelledByText(const std::string& ids) const {
  std::string text;
  std::string normalised = ids;
  std::replace_if(
      normalised.begin(), normalised.end(),
      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }, ' ');
  for (const std::string& id : SplitTopLevel(normalised, ' ')) {
    const int element = ById(id);
    if (element < 0) continue;
    const std::string label = Attr(element, "aria-label");
    text += " " + (label.empty() ? CollapseSpace(page_.TextContent(element)) : label) + " ";
  }
  return CollapseSpace(text);
}

std::string PageContext::LabelName(int element) const {
  const std::string labelled_by = Attr(element, "aria-labelledby");
  if (!labelled_by.empty()) {
    std::string text = LabelledByText(labelled_by);
    if (!text.empty()) return text;
  }
  return Attr(element, "aria-label");
}

std::string PageContext::AccessibleName(int element, bool from_content) const {
  if (std::string label = LabelName(element); !label.empty()) return label;
  const HtmlNode& node = page_.node(element);
  if (node.name == "img" || node.name == "area" ||
      (node.name == "input" && Lower(Attr(element, "type")) == "image")) {
    if (std::string alt = Attr(element, "alt"); !alt.empty()) return alt;
  }
  if (from_content) {
    if (std::string content = ContentName(element); !content.empty()) return content;
  }
  return Attr(element, "title");
}

std::string PageContext::AccessibleNameFrom(int element, const std::string& content_name) const {
  if (std::string label = LabelName(element); !label.empty()) return label;
  return content_name.empty() ? Attr(element, "title") : content_name;
}

int PageContext::ById(const std::string& id) const { return page_.ElementById(id); }

const Rule* PageContext::RuleOf(std::string_view code) const {
  const Rule* rule = FindRule(CodeInEdition(code, options_.edition), options_.edition);
  if (!rule) return nullptr;  // not a check of this edition
  if (rule->extension && !options_.extensions) return nullptr;
  if (rule->withdrawn && !options_.withdrawn && options_.edition == Edition::k115_11) {
    return nullptr;
  }
  return rule;
}

void PageContext::Report(std::string_view code, int element, std::string message_zh,
                         std::string message_en) {
  const Rule* rule = RuleOf(code);
  if (!rule) return;
  const HtmlNode& node = page_.node(element);
  const int target = node.is_element() ? element : node.parent;
  Add(*rule, node.line, node.column, [&] { return page_.Snippet(target); }, std::move(message_zh),
      std::move(message_en), {});
}

void PageContext::ReportAt(std::string_view code, int line, int column,
                           const std::function<std::string()>& snippet, std::string message_zh,
                           std::string message_en, std::string stylesheet) {
  if (const Rule* rule = RuleOf(code)) {
    Add(*rule, line, column, snippet, std::move(message_zh), std::move(message_en),
        std::move(stylesheet));
  }
}

void PageContext::Add(const Rule& rule, int line, int column,
                      const std::function<std::string()>& snippet, std::string message_zh,
                      std::string message_en, std::string stylesheet) {
  if (!limit_.Admit(rule, line, column)) return;
  Finding finding;
  finding.code = std::string(rule.code);
  finding.level = rule.level;
  finding.criterion = std::string(rule.criterion);
  finding.line = line;
  finding.column = column;
  finding.stylesheet = std::move(stylesheet);
  if (Describes(options_, rule.level)) {
    finding.message_zh = std::move(message_zh);
    finding.message_en = std::move(message_en);
    finding.snippet = snippet();
  }
  findings_.push_back(std::move(finding));
}

std::vector<Finding> PageContext::TakeFindings() {
  for (Finding& summary : limit_.Summaries()) findings_.push_back(std::move(summary));
  return std::move(findings_);
}

}  // namespace kiosk::check
