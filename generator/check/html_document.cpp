#include "check/html_document.h"

#if __has_include(<tidy/tidy.h>)
#include <tidy/tidy.h>
#include <tidy/tidybuffio.h>
#else
#include <tidy.h>
#include <tidybuffio.h>
#endif

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/text.h"

namespace kiosk::check {

namespace {

// RAII for tidy's handles; nothing of tidy leaves this file.
struct TidyDocDeleter {
  void operator()(TidyDoc doc) const { tidyRelease(doc); }
};
using TidyDocPtr = std::unique_ptr<std::remove_pointer_t<TidyDoc>, TidyDocDeleter>;

class TidyText {
 public:
  TidyText() { tidyBufInit(&buffer_); }
  ~TidyText() { tidyBufFree(&buffer_); }
  TidyText(const TidyText&) = delete;
  TidyText& operator=(const TidyText&) = delete;
  TidyBuffer* get() { return &buffer_; }
  std::string str() const {
    return buffer_.bp ? std::string(reinterpret_cast<const char*>(buffer_.bp), buffer_.size) : "";
  }

 private:
  TidyBuffer buffer_;
};

// A message as tidy reported it, before we decide whether it is a validity error.
struct RawMessage {
  int line = 0;
  int column = 0;
  std::string key;
  std::string text;
  TidyReportLevel level = TidyInfo;
};

Bool TIDY_CALL CollectMessage(TidyMessage message) {
  auto* messages =
      static_cast<std::vector<RawMessage>*>(tidyGetAppData(tidyGetMessageDoc(message)));
  RawMessage raw;
  raw.line = tidyGetMessageLine(message);
  raw.column = tidyGetMessageColumn(message);
  raw.key = tidyGetMessageKey(message);
  const char* text = tidyGetMessage(message);
  raw.text = text ? text : "";
  raw.level = tidyGetMessageLevel(message);
  messages->push_back(std::move(raw));
  return no;  // we report; tidy prints nothing
}

// Elements of HTML that tidy 5.6 predates; declared so that they parse as elements rather
// than being discarded as unknown.
constexpr std::string_view kNewBlockTags = "search";
constexpr std::string_view kNewInlineTags = "data slot";

constexpr std::string_view kBlockTags[] = {
    "address",  "article", "aside",  "blockquote", "details", "dialog", "div",   "dl",
    "fieldset", "figure",  "footer", "form",       "h1",      "h2",     "h3",    "h4",
    "h5",       "h6",      "header", "hgroup",     "hr",      "li",     "main",  "nav",
    "ol",       "p",       "pre",    "section",    "table",   "ul",     "search"};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

// Autonomous custom elements (<my-widget>) are valid HTML. tidy discards tags it does not
// know, so each one used in the page is declared: as a block if it ever holds a block
// element (its content would otherwise be torn apart), else as inline.
std::map<std::string, bool> FindCustomTags(std::string_view html) {
  std::map<std::string, bool> tags;  // name -> holds blocks
  for (size_t pos = html.find('<'); pos != std::string_view::npos; pos = html.find('<', pos + 1)) {
    size_t end = pos + 1;
    while (end < html.size() && IsNameChar(html[end])) ++end;
    const std::string name = Lower(html.substr(pos + 1, end - pos - 1));
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])) ||
        name.find('-') == std::string::npos) {
      continue;
    }
    bool& block = tags[name];
    const size_t close = html.find("</" + name, end);
    const std::string_view inner =
        html.substr(end, close == std::string_view::npos ? 0 : close - end);
    for (std::string_view tag : kBlockTags) {
      for (size_t at = inner.find('<'); at != std::string_view::npos && !block;
           at = inner.find('<', at + 1)) {
        const std::string_view rest = inner.substr(at + 1);
        if (rest.size() > tag.size() && Lower(rest.substr(0, tag.size())) == tag &&
            !IsNameChar(rest[tag.size()])) {
          block = true;
        }
      }
    }
  }
  return tags;
}

// The page as tidy gets it: every <template> element, its tags and content, replaced by
// spaces, one per character, so that lines and columns stay those of the page. Template
// content is an inert fragment that HTML5 parses on its own terms (a <tr> may stand alone),
// and a template may stand where tidy 5.6 allows no element (in <head>, <table>, <select>):
// tidy would tear the rest of the page apart over it, and no check reads it.
std::string BlankTemplates(std::string_view html) {
  // Where a tag (written in lower case) starts in the page, in any case, from `from`.
  const auto find = [html](std::string_view tag, size_t from) {
    for (size_t at = html.find('<', from); at != std::string_view::npos;
         at = html.find('<', at + 1)) {
      if (Lower(html.substr(at, tag.size())) == tag) return at;
    }
    return std::string_view::npos;
  };
  std::string out;
  out.reserve(html.size());
  size_t pos = 0;
  while (pos < html.size()) {
    const size_t open = find("<template", pos);
    if (open == std::string::npos || open + 9 >= html.size() || IsNameChar(html[open + 9])) {
      if (open == std::string::npos) break;
      out.append(html.substr(pos, open + 9 - pos));
      pos = open + 9;
      continue;
    }
    size_t content = html.find('>', open);
    if (content == std::string_view::npos) break;
    ++content;
    // The matching end tag, counting nested templates.
    size_t close = content;
    for (int depth = 1; depth > 0;) {
      const size_t next_open = find("<template", close);
      const size_t next_close = find("</template", close);
      if (next_close == std::string::npos) {
        close = html.size();
        break;
      }
      if (next_open != std::string::npos && next_open < next_close) {
        ++depth;
        close = next_open + 9;
      } else {
        --depth;
        close = depth == 0 ? next_close : next_close + 10;
      }
    }
    close = std::min(html.find('>', close), html.size() - 1) + 1;  // the end tag's '>'
    out.append(html.substr(pos, open - pos));
    for (size_t i = open; i < close; ++i) {
      const char c = html[i];
      if (c == '\n' || c == '\r') {
        out += c;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        out += ' ';
      }
    }
    pos = close;
  }
  out.append(html.substr(std::min(pos, html.size())));
  return out;
}

void Configure(TidyDoc doc, const std::map<std::string, bool>& custom_tags) {
  tidyOptSetBool(doc, TidyShowWarnings, yes);
  tidyOptSetInt(doc, TidyShowErrors, 1000000);
  tidyOptSetBool(doc, TidyShowInfo, no);
  tidyOptSetBool(doc, TidyQuiet, yes);
  tidyOptSetBool(doc, TidyMark, no);
  // Keep the tree as written: no dropped empty elements, no joined or moved markup.
  tidyOptSetBool(doc, TidyDropEmptyElems, no);
  tidyOptSetBool(doc, TidyDropEmptyParas, no);
  tidyOptSetBool(doc, TidyCoerceEndTags, no);
  tidyOptSetBool(doc, TidyJoinStyles, no);
  tidyOptSetBool(doc, TidyJoinClasses, no);
  tidyOptSetBool(doc, TidyStyleTags, no);
  tidyOptSetBool(doc, TidyLiteralAttribs, yes);
  tidyOptSetBool(doc, TidyFixUri, no);
  tidyOptSetBool(doc, TidyFixBackslash, no);
  tidyOptSetBool(doc, TidyMakeClean, no);
  // A tab is one column, as in our own line:column reports.
  tidyOptSetInt(doc, TidyTabSize, 1);
  tidySetInCharEncoding(doc, "utf8");
  tidySetOutCharEncoding(doc, "utf8");

  std::string block(kNewBlockTags);
  std::string inline_tags(kNewInlineTags);
  for (const auto& [name, is_block] : custom_tags) (is_block ? block : inline_tags) += " " + name;
  tidyOptSetValue(doc, TidyBlockTags, block.c_str());
  tidyOptSetValue(doc, TidyInlineTags, inline_tags.c_str());
}

// What a validity error is about, in both languages; keys not listed here are tidy's advice
// (or HTML4 rules that HTML5 dropped) and are not errors.
struct ProblemKind {
  std::string_view zh;
  std::string_view en;
};

const std::unordered_map<std::string_view, ProblemKind>& ValidityKeys() {
  static const ProblemKind kDuplicateId{"id 屬性值重複", "duplicate id"};
  static const ProblemKind kUnclosed{"元素未正確結束", "element not closed"};
  static const ProblemKind kNesting{"元素巢狀或位置不正確", "element in the wrong place"};
  static const ProblemKind kElement{"不存在或已廢止的元素", "unknown or obsolete element"};
  static const ProblemKind kAttribute{"不允許的屬性或缺少必要的屬性",
                                      "attribute not allowed or missing"};
  static const ProblemKind kValue{"屬性值不正確", "invalid attribute value"};
  static const ProblemKind kRepeated{"屬性重複", "repeated attribute"};
  static const ProblemKind kReference{"字元參照錯誤", "bad character reference"};
  static const ProblemKind kDoctype{"文件類型宣告錯誤", "doctype"};
  static const ProblemKind kSyntax{"標籤語法錯誤", "markup syntax error"};
  static const ProblemKind kUrl{"網址含不合法字元", "illegal character in URL"};
  static const ProblemKind kCharacter{"不合法的字元", "invalid character"};
  static const std::unordered_map<std::string_view, ProblemKind> kKeys = {
      {"ANCHOR_NOT_UNIQUE", kDuplicateId},
      {"MISSING_ENDTAG_BEFORE", kUnclosed},
      {"MISSING_ENDTAG_FOR", kUnclosed},
      {"COERCE_TO_ENDTAG", kUnclosed},
      {"NON_MATCHING_ENDTAG", kNesting},
      {"UNEXPECTED_ENDTAG", kNesting},
      {"UNEXPECTED_ENDTAG_IN", kNesting},
      {"UNEXPECTED_ENDTAG_ERR", kNesting},
      {"DISCARDING_UNEXPECTED", kNesting},
      {"MISSING_STARTTAG", kNesting},
      {"INSERTING_TAG", kNesting},
      {"ILLEGAL_NESTING", kNesting},
      {"CANT_BE_NESTED", kNesting},
      {"TAG_NOT_ALLOWED_IN", kNesting},
      {"TOO_MANY_ELEMENTS", kNesting},
      {"TOO_MANY_ELEMENTS_IN", kNesting},
      {"DUPLICATE_FRAMESET", kNesting},
      {"NOFRAMES_CONTENT", kNesting},
      {"FOUND_STYLE_IN_BODY", kNesting},
      {"REPLACING_ELEMENT", kNesting},
      {"REPLACING_UNEX_ELEMENT", kNesting},
      {"UNKNOWN_ELEMENT", kElement},
      {"PROPRIETARY_ELEMENT", kElement},
      {"REMOVED_HTML5", kElement},
      {"ELEMENT_VERS_MISMATCH_ERROR", kElement},
      {"ELEMENT_VERS_MISMATCH_WARN", kElement},
      {"OBSOLETE_ELEMENT", kElement},
      {"PROPRIETARY_ATTRIBUTE", kAttribute},
      {"MISMATCHED_ATTRIBUTE_ERROR", kAttribute},
      {"MISMATCHED_ATTRIBUTE_WARN", kAttribute},
      {"ATTRIBUTE_IS_NOT_ALLOWED", kAttribute},
      {"BAD_SUMMARY_HTML5", kAttribute},
      {"MISSING_ATTRIBUTE", kAttribute},
      {"BAD_ATTRIBUTE_VALUE", kValue},
      {"PROPRIETARY_ATTR_VALUE", kValue},
      {"MISSING_IMAGEMAP", kValue},
      {"REPEATED_ATTRIBUTE", kRepeated},
      {"JOINING_ATTRIBUTE", kRepeated},
      {"UNKNOWN_ENTITY", kReference},
      {"MISSING_SEMICOLON", kReference},
      {"MISSING_SEMICOLON_NCR", kReference},
      {"INVALID_NCR", kReference},
      {"BAD_SURROGATE_LEAD", kReference},
      {"BAD_SURROGATE_PAIR", kReference},
      {"BAD_SURROGATE_TAIL", kReference},
      {"MISSING_DOCTYPE", kDoctype},
      {"MALFORMED_DOCTYPE", kDoctype},
      {"DOCTYPE_AFTER_TAGS", kDoctype},
      {"MISSING_QUOTEMARK", kSyntax},
      {"UNEXPECTED_QUOTEMARK", kSyntax},
      {"UNEXPECTED_GT", kSyntax},
      {"UNEXPECTED_EQUALSIGN", kSyntax},
      {"SUSPECTED_MISSING_QUOTE", kSyntax},
      {"UNEXPECTED_END_OF_FILE", kSyntax},
      {"UNEXPECTED_END_OF_FILE_ATTR", kSyntax},
      {"MALFORMED_COMMENT_EOS", kSyntax},
      {"ILLEGAL_URI_CODEPOINT", kUrl},
      {"WHITE_IN_URI", kUrl},
      {"BACKSLASH_IN_URI", kUrl},
      {"NEWLINE_IN_URI", kUrl},
      {"ESCAPED_ILLEGAL_URI", kUrl},
      {"ILLEGAL_URI_REFERENCE", kUrl},
      {"INVALID_UTF8", kCharacter},
      {"INVALID_UTF16", kCharacter},
      {"INVALID_SGML_CHARS", kCharacter},
      {"VENDOR_SPECIFIC_CHARS", kCharacter},
  };
  return kKeys;
}

// Attributes of today's HTML that tidy 5.6 calls proprietary (or whose values it does not
// know).
bool IsModernAttribute(std::string_view element, std::string_view name) {
  if (name == "name") return element == "details";
  if (name == "muted") return element == "video" || element == "audio";
  static const std::set<std::string_view> kNames = {"allow",
                                                    "autocapitalize",
                                                    "blocking",
                                                    "decoding",
                                                    "disablepictureinpicture",
                                                    "disableremoteplayback",
                                                    "elementtiming",
                                                    "enterkeyhint",
                                                    "exportparts",
                                                    "fetchpriority",
                                                    "focusable",
                                                    "imagesizes",
                                                    "imagesrcset",
                                                    "inert",
                                                    "inputmode",
                                                    "is",
                                                    "itemid",
                                                    "itemprop",
                                                    "itemref",
                                                    "itemscope",
                                                    "itemtype",
                                                    "loading",
                                                    "minlength",
                                                    "nonce",
                                                    "part",
                                                    "ping",
                                                    "playsinline",
                                                    "popover",
                                                    "popovertarget",
                                                    "popovertargetaction",
                                                    "referrerpolicy",
                                                    "shadowrootmode",
                                                    "shadowrootdelegatesfocus",
                                                    "translate",
                                                    "virtualkeyboardpolicy",
                                                    "writingsuggestions",
                                                    "autocomplete",
                                                    "srcset",
                                                    "sizes",
                                                    "crossorigin",
                                                    "integrity",
                                                    "as",
                                                    "hreflang",
                                                    "download",
                                                    "spellcheck"};
  return kNames.count(name) > 0 || name.rfind("data-", 0) == 0 || name.rfind("aria-", 0) == 0;
}

// The quoted parts of a tidy message: `<form> attribute "method" has invalid value "dialog"`.
std::vector<std::string> Quoted(std::string_view text) {
  std::vector<std::string> parts;
  for (size_t open = text.find('"'); open != std::string_view::npos;) {
    const size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    parts.emplace_back(text.substr(open + 1, close - open - 1));
    open = text.find('"', close + 1);
  }
  return parts;
}

// The tag names a message mentions, as in "missing </div> before <dt>".
std::vector<std::string> MentionedTags(std::string_view text) {
  std::vector<std::string> tags;
  for (size_t open = text.find('<'); open != std::string_view::npos;
       open = text.find('<', open + 1)) {
    size_t start = open + 1;
    if (start < text.size() && text[start] == '/') ++start;
    size_t end = start;
    while (end < text.size() && IsNameChar(text[end])) ++end;
    if (end > start) tags.push_back(Lower(text.substr(start, end - start)));
  }
  return tags;
}

bool IsUrlAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "action" || name == "cite" || name == "data" ||
         name == "poster" || name == "formaction" || name == "longdesc" || name == "background";
}

// A tag of the page that passes one of the checker's limits.
struct PassedLimit {
  size_t offset = 0;  // of its '<'
  bool attributes = false;  // too many attributes; else nested too deep
};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The first tag that passes kMaxElementDepth or kMaxAttributesPerElement, found by one pass
// over the page before tidy reads it. Tags are followed as written: an end tag closes the
// nearest open element of its name, an element whose end tag may be left out (<p>, <li>,
// <td>…) closes its like, and void and self-closed elements hold nothing; so a page written
// with end tags measures as deep as browsers build it, and one without them as tidy nests it.
std::optional<PassedLimit> FindPassedLimit(std::string_view html) {
  static const std::set<std::string_view> kVoid = {
      "area", "base",   "basefont", "bgsound", "br",    "col",   "embed",  "frame", "hr",
      "img",  "input",  "keygen",   "link",    "meta",  "param", "source", "track", "wbr"};
  static const std::set<std::string_view> kRawText = {"script",  "style",    "textarea",
                                                      "title",   "xmp",      "iframe",
                                                      "noembed", "noframes", "plaintext"};
  // Elements an opening tag closes when one of them is the innermost open element.
  static const std::map<std::string_view, std::set<std::string_view>> kCloses = {
      {"p", {"p"}},
      {"li", {"li"}},
      {"dt", {"dt", "dd"}},
      {"dd", {"dt", "dd"}},
      {"option", {"option"}},
      {"optgroup", {"optgroup", "option"}},
      {"tr", {"tr", "td", "th"}},
      {"td", {"td", "th"}},
      {"th", {"td", "th"}},
      {"thead", {"thead", "tbody", "tfoot", "tr", "td", "th"}},
      {"tbody", {"thead", "tbody", "tfoot", "tr", "td", "th"}},
      {"tfoot", {"thead", "tbody", "tfoot", "tr", "td", "th"}},
      {"rb", {"rb", "rt", "rp", "rtc"}},
      {"rt", {"rb", "rt", "rp"}},
      {"rp", {"rb", "rt", "rp"}},
      {"rtc", {"rb", "rt", "rp", "rtc"}}};
  std::vector<std::string> open;
  const auto name_at = [&](size_t& pos) {
    const size_t start = pos;
    while (pos < html.size() && !IsAsciiSpace(html[pos]) && html[pos] != '/' && html[pos] != '>') {
      ++pos;
    }
    return Lower(html.substr(start, pos - start));
  };
  for (size_t pos = html.find('<'); pos < html.size(); pos = html.find('<', pos)) {
    const size_t tag = pos++;
    if (html.substr(tag, 4) == "<!--") {
      pos = std::min(html.find("-->", tag + 4), html.size());
      continue;
    }
    if (pos < html.size() && (html[pos] == '!' || html[pos] == '?')) {
      pos = std::min(html.find('>', pos), html.size());
      continue;
    }
    const bool end_tag = pos < html.size() && html[pos] == '/';
    if (end_tag) ++pos;
    if (pos >= html.size() || !std::isalpha(static_cast<unsigned char>(html[pos]))) continue;
    const std::string name = name_at(pos);
    // The attributes, to the tag's '>'.
    size_t attributes = 0;
    bool self_closed = false;
    while (pos < html.size() && html[pos] != '>') {
      if (IsAsciiSpace(html[pos])) {
        ++pos;
        continue;
      }
      if (html[pos] == '/') {
        self_closed = pos + 1 < html.size() && html[pos + 1] == '>';
        ++pos;
        continue;
      }
      ++attributes;
      ++pos;  // a name may start with '='
      while (pos < html.size() && !IsAsciiSpace(html[pos]) && html[pos] != '/' &&
             html[pos] != '>' && html[pos] != '=') {
        ++pos;
      }
      while (pos < html.size() && IsAsciiSpace(html[pos])) ++pos;
      if (pos >= html.size() || html[pos] != '=') continue;
      ++pos;
      while (pos < html.size() && IsAsciiSpace(html[pos])) ++pos;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        pos = std::min(html.find(html[pos], pos + 1), html.size());
        if (pos < html.size()) ++pos;
      } else {
        while (pos < html.size() && !IsAsciiSpace(html[pos]) && html[pos] != '>') ++pos;
      }
    }
    if (attributes > static_cast<size_t>(kMaxAttributesPerElement)) return PassedLimit{tag, true};
    if (end_tag) {
      // The nearest open element of the name, if it is near: a stray end tag closes nothing.
      for (size_t depth = 0; depth < std::min<size_t>(open.size(), 64); ++depth) {
        if (open[open.size() - 1 - depth] == name) {
          open.resize(open.size() - 1 - depth);
          break;
        }
      }
      continue;
    }
    if (kRawText.count(name)) {  // its text holds no tags: on to its end tag
      for (pos = html.find("</", pos); pos < html.size(); pos = html.find("</", pos + 2)) {
        if (Lower(html.substr(pos + 2, name.size())) == name) break;
      }
      continue;
    }
    if (self_closed || kVoid.count(name)) continue;
    if (const auto closes = kCloses.find(name); closes != kCloses.end()) {
      while (!open.empty() && closes->second.count(open.back())) open.pop_back();
    }
    open.push_back(name);
    if (open.size() > static_cast<size_t>(kMaxElementDepth)) return PassedLimit{tag, false};
  }
  return std::nullopt;
}

size_t Utf8Advance(std::string_view text, size_t pos, int characters) {
  while (characters > 0 && pos < text.size()) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    --characters;
  }
  return pos;
}

}  // namespace

const std::string* HtmlNode::Find(std::string_view attribute) const {
  for (const HtmlAttribute& a : attributes) {
    if (a.name == attribute) return &a.value;
  }
  return nullptr;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

namespace {

// The length of a blank character at text[pos], or 0.
size_t BlankLength(std::string_view text, size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
  // The UTF-8 of the others starts with one of these bytes: most text is read here.
  if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;
  const std::string_view rest = text.substr(pos);
  for (std::string_view blank : {"\u00A0", "\u3000", "\u200B", "\u200C", "\u200D", "\uFEFF",
                                 "\u2002", "\u2003", "\u2009", "\u202F"}) {
    if (rest.substr(0, blank.size()) == blank) return blank.size();
  }
  return 0;
}

}  // namespace

bool IsBlank(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = BlankLength(text, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

std::string CollapseSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t pos = 0; pos < text.size();) {
    if (const size_t length = BlankLength(text, pos)) {
      pending_space = !out.empty();
      pos += length;
      continue;
    }
    size_t end = pos + 1;  // a run of what is not blank, copied at once
    while (end < text.size() && BlankLength(text, end) == 0) ++end;
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// Builds an HtmlDocument from tidy's tree and messages.
class HtmlDocumentBuilder {
 public:
  explicit HtmlDocumentBuilder(HtmlDocument& document) : document_(document) {}

  // Copies tidy's tree. False when an element is nested deeper than kMaxElementDepth (then
  // too_deep() is where).
  bool Build(TidyDoc doc) {
    HtmlNode root;
    root.kind = HtmlNode::Kind::kDocument;
    document_.nodes_.push_back(std::move(root));
    if (!AddTree(doc, tidyGetRoot(doc))) return false;
    for (size_t id = 0; id < document_.nodes_.size(); ++id) {
      const HtmlNode& node = document_.nodes_[id];
      if (!node.is_element()) continue;
      const int index = static_cast<int>(id);
      if (node.name == "html" && document_.html_ < 0) document_.html_ = index;
      if (node.name == "head" && document_.head_ < 0) document_.head_ = index;
      if (node.name == "body" && document_.body_ < 0) document_.body_ = index;
      positions_.emplace(std::make_pair(node.line, node.column), index);
      if (const std::string* id_value = node.Find("id")) {
        document_.ids_.emplace(*id_value, index);
      }
    }
    return true;
  }

  std::pair<int, int> too_deep() const { return too_deep_; }

  // Keeps the messages that are validity errors, as HtmlProblems.
  void AddProblems(const std::vector<RawMessage>& messages) {
    const std::set<std::pair<int, int>> html5_groups = Html5ListGroups();
    std::set<std::string> unknown_tags;
    std::set<std::pair<int, int>> cascade_positions;  // of inline tags tidy re-opened
    std::set<std::string> reported_unclosed;
    std::set<std::tuple<int, int, std::string>> seen;
    const auto& keys = ValidityKeys();
    for (const RawMessage& message : messages) {
      if (message.level == TidyInfo || message.level == TidyDialogueSummary ||
          message.level == TidyDialogueInfo || message.level == TidyDialogueFootnote) {
        continue;
      }
      const auto kind = keys.find(message.key);
      if (kind == keys.end()) continue;
      const std::string& key = message.key;
      const std::vector<std::string> tags = MentionedTags(message.text);
      const std::pair<int, int> where{message.line, message.column};

      if (key == "UNKNOWN_ELEMENT" && !tags.empty()) unknown_tags.insert(tags[0]);
      if (key == "DISCARDING_UNEXPECTED" && !tags.empty() && unknown_tags.count(tags[0])) {
        continue;  // the unknown element was reported already
      }
      if (key == "INSERTING_TAG" && !tags.empty() &&
          (tags[0] == "html" || tags[0] == "head" || tags[0] == "body")) {
        continue;  // HTML5 lets these tags be omitted
      }
      // tidy re-opens an unclosed inline element in every following block; after the first
      // report those are echoes of one mistake.
      if (key == "INSERTING_TAG" && !tags.empty() && reported_unclosed.count(tags[0])) {
        cascade_positions.insert(where);
        continue;
      }
      if ((key == "MISSING_ENDTAG_BEFORE" || key == "MISSING_ENDTAG_FOR") &&
          cascade_positions.count(where)) {
        continue;
      }
      if (html5_groups.count(where) && IsListGroupMessage(key, tags)) continue;
      if (!Keep(message, key)) continue;
      if ((key == "MISSING_ENDTAG_BEFORE" || key == "MISSING_ENDTAG_FOR") && !tags.empty()) {
        reported_unclosed.insert(tags[0]);
      }
      if (!seen.emplace(message.line, message.column, message.text).second) continue;
      document_.problems_.push_back(HtmlProblem{message.line, message.column, key, message.text,
                                                std::string(kind->second.zh)});
    }
    std::stable_sort(document_.problems_.begin(), document_.problems_.end(),
                     [](const HtmlProblem& a, const HtmlProblem& b) {
                       return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
  }

 private:
  // Copies the nodes below `root` in document order, with a stack of its own rather than
  // recursion, as a page may nest elements thousands deep.
  bool AddTree(TidyDoc doc, TidyNode root) {
    struct Level {
      TidyNode next;  // the next node to copy at this level
      int parent;     // our node its nodes go under
      int depth;      // of the elements at this level
    };
    std::vector<Level> levels{{tidyGetChild(root), 0, 1}};
    while (!levels.empty()) {
      const TidyNode child = levels.back().next;
      if (!child) {
        levels.pop_back();
        continue;
      }
      levels.back().next = tidyGetNext(child);
      const int parent = levels.back().parent;
      const int depth = levels.back().depth;
      switch (tidyNodeGetType(child)) {
        case TidyNode_Text:
        case TidyNode_CDATA:
        case TidyNode_Section: {
          HtmlNode text;
          text.kind = HtmlNode::Kind::kText;
          TidyText value;
          tidyNodeGetValue(doc, child, value.get());
          text.text = value.str();
          text.line = static_cast<int>(tidyNodeLine(child));
          text.column = static_cast<int>(tidyNodeColumn(child));
          Append(std::move(text), parent);
          break;
        }
        case TidyNode_Start:
        case TidyNode_StartEnd: {
          const char* name = tidyNodeGetName(child);
          HtmlNode element;
          element.name = Lower(name ? name : "");
          element.line = static_cast<int>(tidyNodeLine(child));
          element.column = static_cast<int>(tidyNodeColumn(child));
          const bool structural =
              element.name == "html" || element.name == "head" || element.name == "body";
          if (!structural && !WrittenAt(element.name, element.line, element.column)) {
            // Invented by tidy: keep only what is inside.
            levels.push_back({tidyGetChild(child), parent, depth});
            break;
          }
          if (depth > kMaxElementDepth) {
            too_deep_ = {element.line, element.column};
            return false;
          }
          for (TidyAttr attribute = tidyAttrFirst(child); attribute;
               attribute = tidyAttrNext(attribute)) {
            const char* attribute_name = tidyAttrName(attribute);
            const char* value = tidyAttrValue(attribute);
            element.attributes.push_back(
                HtmlAttribute{Lower(attribute_name ? attribute_name : ""), value ? value : ""});
          }
          const int id = Append(std::move(element), parent);
          levels.push_back({tidyGetChild(child), id, depth + 1});
          break;
        }
        default:
          break;  // doctype, comments, processing instructions
      }
    }
    return true;
  }

  int Append(HtmlNode node, int parent) {
    node.parent = parent;
    const int id = static_cast<int>(document_.nodes_.size());
    document_.nodes_.push_back(std::move(node));
    document_.nodes_[parent].children.push_back(id);
    return id;
  }

  // True when the source has the start tag `<name` at line:column.
  bool WrittenAt(const std::string& name, int line, int column) const {
    const size_t offset = document_.Offset(line, column);
    const std::string_view source = document_.source_;
    if (offset == std::string_view::npos || offset + 1 + name.size() > source.size() ||
        source[offset] != '<') {
      return false;
    }
    if (Lower(source.substr(offset + 1, name.size())) != name) return false;
    const size_t after = offset + 1 + name.size();
    return after == source.size() || !IsNameChar(source[after]);
  }

  int ElementAt(std::pair<int, int> where) const {
    const auto found = positions_.find(where);
    return found == positions_.end() ? -1 : found->second;
  }

  // Positions where tidy 5.6 misreads HTML5 list groups: a <div> grouping <dt>/<dd> in a
  // <dl>, and <li> in a <menu>.
  std::set<std::pair<int, int>> Html5ListGroups() const {
    std::set<std::pair<int, int>> positions;
    for (const HtmlNode& node : document_.nodes_) {
      if (!node.is_element() || (node.name != "dl" && node.name != "menu")) continue;
      for (int child : node.children) {
        const HtmlNode& item = document_.nodes_[child];
        if (!item.is_element()) continue;
        if (node.name == "menu" && item.name == "li") {
          positions.emplace(node.line, node.column);
          positions.emplace(item.line, item.column);
        }
        if (node.name == "dl" && item.name == "div") {
          positions.emplace(node.line, node.column);
          positions.emplace(item.line, item.column);
          for (int grandchild : item.children) {
            const HtmlNode& entry = document_.nodes_[grandchild];
            if (entry.is_element()) positions.emplace(entry.line, entry.column);
          }
        }
      }
    }
    return positions;
  }

  static bool IsListGroupMessage(const std::string& key, const std::vector<std::string>& tags) {
    if (key != "MISSING_STARTTAG" && key != "MISSING_ENDTAG_BEFORE" && key != "INSERTING_TAG" &&
        key != "TAG_NOT_ALLOWED_IN") {
      return false;
    }
    static const std::set<std::string> kListTags = {"dl", "dt", "dd", "div", "menu", "ul", "li"};
    return std::all_of(tags.begin(), tags.end(),
                       [](const std::string& tag) { return kListTags.count(tag) > 0; });
  }

  // True inside <svg> and <math>, whose elements and attributes are not HTML's.
  bool InForeignContent(int id) const {
    for (int at = id; at > 0; at = document_.nodes_[at].parent) {
      if (document_.nodes_[at].name == "svg" || document_.nodes_[at].name == "math") return true;
    }
    return false;
  }

  // Filters that need the page: what tidy 5.6 flags but HTML5 allows.
  bool Keep(const RawMessage& message, const std::string& key) const {
    static const std::set<std::string_view> kVocabularyKeys = {
        "PROPRIETARY_ATTRIBUTE",       "MISMATCHED_ATTRIBUTE_ERROR", "MISMATCHED_ATTRIBUTE_WARN",
        "ATTRIBUTE_IS_NOT_ALLOWED",    "MISSING_ATTRIBUTE",          "BAD_ATTRIBUTE_VALUE",
        "PROPRIETARY_ATTR_VALUE",      "PROPRIETARY_ELEMENT",        "UNKNOWN_ELEMENT",
        "ELEMENT_VERS_MISMATCH_ERROR", "ELEMENT_VERS_MISMATCH_WARN", "REMOVED_HTML5"};
    if (kVocabularyKeys.count(key)) {
      const int at = ElementAt({message.line, message.column});
      if (at >= 0 && InForeignContent(at)) return false;
    }
    const std::vector<std::string> quoted = Quoted(message.text);
    const std::vector<std::string> tags = MentionedTags(message.text);
    const std::string element = tags.empty() ? "" : tags[0];
    if (key == "PROPRIETARY_ATTRIBUTE") {
      return quoted.empty() || !IsModernAttribute(element, Lower(quoted.back()));
    }
    if (key == "PROPRIETARY_ELEMENT" && !tags.empty()) {
      const std::string& tag = tags[0];
      return tag != "search" && tag != "data" && tag != "slot" &&
             tag.find('-') == std::string::npos;
    }
    if (key == "UNKNOWN_ELEMENT_LOOKS_CUSTOM") return false;
    if (key == "BAD_ATTRIBUTE_VALUE" && quoted.size() >= 2) {
      const std::string attribute = Lower(quoted[0]);
      const std::string value = Lower(quoted[1]);
      if (attribute == "method" && value == "dialog") return false;
      if (attribute == "hidden" && value == "until-found") return false;
      // tidy's tables of values are older than HTML5's: trust them only where HTML5 did not
      // add values.
      if (IsModernAttribute(element, attribute) || attribute == "rel") return false;
      if (attribute == "type" && element == "input") return !IsModernInputType(value);
      return true;
    }
    if (key == "MISSING_ATTRIBUTE") {
      // A missing alt is HM1110100C's and HM1110101C's to report; an <area> without href is
      // no link, which HTML5 allows.
      return quoted.empty() ||
             (quoted.back() != "alt" && !(element == "area" && quoted.back() == "href"));
    }
    if (key == "UNKNOWN_ENTITY") return IsAmbiguousAmpersand(message);
    if (key == "MISSING_SEMICOLON") return !InsideTag(message);
    if (key == "ILLEGAL_URI_CODEPOINT" || key == "WHITE_IN_URI" || key == "NEWLINE_IN_URI" ||
        key == "ESCAPED_ILLEGAL_URI" || key == "ILLEGAL_URI_REFERENCE") {
      return HasIllegalUrl(ElementAt({message.line, message.column}));
    }
    return true;
  }

  static bool IsModernInputType(const std::string& type) {
    static const std::set<std::string> kTypes = {
        "button", "checkbox", "color", "date",   "datetime-local", "email",
        "file",   "hidden",   "image", "month",  "number",         "password",
        "radio",  "range",    "reset", "search", "submit",         "tel",
        "text",   "time",     "url",   "week"};
    return kTypes.count(type) > 0;
  }

  // HTML5 reads "&b=2" or "AT&T" as text; only "&name;" with an unknown name is an error.
  bool IsAmbiguousAmpersand(const RawMessage& message) const {
    const std::string_view source = document_.source_;
    size_t pos = document_.Offset(message.line, message.column);
    if (pos == std::string_view::npos || pos >= source.size() || source[pos] != '&') return true;
    ++pos;
    const size_t start = pos;
    while (pos < source.size() && std::isalnum(static_cast<unsigned char>(source[pos]))) ++pos;
    return pos > start && pos < source.size() && source[pos] == ';';
  }

  // In attribute values HTML5 keeps legacy references like "?a=1&copy=2" as written.
  bool InsideTag(const RawMessage& message) const {
    const std::string_view source = document_.source_;
    const size_t pos = document_.Offset(message.line, message.column);
    if (pos == std::string_view::npos) return false;
    const size_t last = source.substr(0, pos).find_last_of("<>");
    return last != std::string_view::npos && source[last] == '<';
  }

  // Spaces and control characters inside a URL are errors; non-ASCII letters (Chinese paths)
  // are not, though tidy 5.6 says so.
  bool HasIllegalUrl(int element) const {
    if (element < 0) return true;
    for (const HtmlAttribute& attribute : document_.nodes_[element].attributes) {
      if (!IsUrlAttribute(attribute.name)) continue;
      std::string_view value = attribute.value;
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
        value.remove_prefix(1);
      }
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
        value.remove_suffix(1);
      }
      for (char c : value) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '\\') return true;
      }
    }
    return false;
  }

  HtmlDocument& document_;
  std::map<std::pair<int, int>, int> positions_;
  std::pair<int, int> too_deep_;
};

Result<HtmlDocument> HtmlDocument::Parse(std::string_view html, const std::string& file) {
  static std::once_flag language_once;
  std::call_once(language_once, [] { tidySetLanguage("en"); });

  HtmlDocument document;
  if (html.substr(0, 3) == "\xEF\xBB\xBF") html.remove_prefix(3);  // tidy skips the BOM too
  document.source_ = std::string(html);
  document.line_starts_.push_back(0);
  for (size_t i = 0; i < document.source_.size(); ++i) {
    const char c = document.source_[i];
    if (c == '\r' && i + 1 < document.source_.size() && document.source_[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r') document.line_starts_.push_back(i + 1);
  }

  const auto beyond_limit = [&](int line, int column, bool attributes) {
    return Diagnostic{
        Severity::kError, SourceLocation{file, line, column},
        attributes ? "the element has more than " + FormatCount(kMaxAttributesPerElement) +
                         " attributes, the most kiosk check reads"
                   : "elements are nested more than " + FormatCount(kMaxElementDepth) +
                         " deep here, the most kiosk check reads",
        attributes ? "remove the repeated attributes"
                   : "close the elements that are opened (a missing </div> or </font> nests "
                     "everything after it), or nest less deeply"};
  };
  if (const std::optional<PassedLimit> passed = FindPassedLimit(document.source_)) {
    const auto [line, column] = document.PositionOf(passed->offset);
    return beyond_limit(line, column, passed->attributes);
  }

  std::vector<RawMessage> messages;
  TidyDocPtr doc(tidyCreate());
  if (!doc) return IoError(file, "the HTML parser could not start");
  tidySetAppData(doc.get(), &messages);
  tidySetMessageCallback(doc.get(), CollectMessage);
  Configure(doc.get(), FindCustomTags(html));
  const std::string parsed = BlankTemplates(document.source_);
  if (tidyParseString(doc.get(), parsed.c_str()) < 0) {
    return Diagnostic{Severity::kError, SourceLocation{file, 0, 0}, "the HTML could not be parsed",
                      "check that the file is HTML saved as UTF-8"};
  }
  HtmlDocumentBuilder builder(document);
  if (!builder.Build(doc.get())) {
    return beyond_limit(builder.too_deep().first, builder.too_deep().second, false);
  }
  // The HTML5 checks (obsolete elements and attributes) run in tidy's clean-up pass, which
  // also rewrites its tree: our tree is already copied, so only its messages are used.
  tidyCleanAndRepair(doc.get());
  builder.AddProblems(messages);
  return document;
}

size_t HtmlDocument::Offset(int line, int column) const {
  if (line < 1 || column < 1 || static_cast<size_t>(line) > line_starts_.size()) {
    return std::string::npos;
  }
  // Rules ask for positions mostly in document order, often many on one long line (a site
  // map written on one line): go on from the last answer rather than from the line's start.
  size_t start = line_starts_[line - 1];
  int from_column = 1;
  if (last_line_ == line && last_column_ <= column) {
    start = last_offset_;
    from_column = last_column_;
  }
  const size_t offset = Utf8Advance(source_, start, column - from_column);
  if (offset > source_.size()) return std::string::npos;
  last_line_ = line;
  last_column_ = column;
  last_offset_ = offset;
  return offset;
}

namespace {
constexpr std::string_view kSourcePosition = "data-sourcepos";
}  // namespace

std::pair<int, int> HtmlDocument::PositionOf(size_t offset) const {
  const auto line_it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  const int line = static_cast<int>(line_it - line_starts_.begin()) + 1;
  int column = 1;
  for (size_t at = *line_it; at < offset && at < source_.size(); ++at) {
    if ((static_cast<unsigned char>(source_[at]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

std::string HtmlDocument::Snippet(int element, size_t max_chars) const {
  const HtmlNode& node = nodes_[element];
  const size_t start = Offset(node.line, node.column);
  std::string tag;
  const bool written =
      start != std::string::npos && start + 1 + node.name.size() <= source_.size() &&
      source_[start] == '<' &&
      Lower(std::string_view(source_).substr(start + 1, node.name.size())) == node.name;
  if (!written) {
    // An implied <html>, <head> or <body>: written out from the tree.
    tag = "<" + node.name;
    for (const HtmlAttribute& attribute : node.attributes) {
      if (attribute.name == kSourcePosition) continue;
      tag += " " + attribute.name + "=\"" + attribute.value + "\"";
    }
    tag = CollapseSpace(tag + ">");
  } else {
    // Read no further than the snippet can show: a tag may be a megabyte long, and a rule may
    // report it many times.
    size_t limit = std::min(source_.size(), start + 8 * max_chars + 8);
    while (limit < source_.size() && limit > start &&
           (static_cast<unsigned char>(source_[limit]) & 0xC0) == 0x80) {
      --limit;
    }
    size_t end = start + 1;
    char quote = 0;
    bool closed = false;
    for (; end < limit && !closed; ++end) {
      const char c = source_[end];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        closed = true;
      }
    }
    tag = CollapseSpace(std::string_view(source_).substr(start, end - start));
    // kiosk's mark of the Markdown line, which the published page does not have.
    const std::string mark = " " + std::string(kSourcePosition) + "=\"";
    if (const size_t at = tag.find(mark); at != std::string::npos) {
      tag.erase(at, tag.find('"', at + mark.size()) + 1 - at);
    }
    if (!closed && end < source_.size()) tag += "…";
  }
  const size_t cut = Utf8Advance(tag, 0, static_cast<int>(max_chars));
  if (cut < tag.size()) tag = tag.substr(0, cut) + "…";
  return tag;
}

std::string HtmlDocument::TextContent(int node) const {
  // Nodes are in document order: the node's descendants follow it, each with a parent at or
  // after it, up to the first node whose parent is before it.
  if (nodes_[node].is_text()) return nodes_[node].text;
  std::string text;
  for (size_t at = node + 1; at < nodes_.size() && nodes_[at].parent >= node; ++at) {
    if (nodes_[at].is_text()) text += nodes_[at].text;
  }
  return text;
}

std::pair<int, int> HtmlDocument::AttributePosition(int element, std::string_view attribute) const {
  const HtmlNode& node = nodes_[element];
  const size_t start = Offset(node.line, node.column);
  if (start == std::string::npos) return {node.line, node.column};
  // Walks the start tag attribute by attribute, so that a name inside a value is not taken.
  size_t pos = start + 1;
  while (pos < source_.size() && IsNameChar(source_[pos])) ++pos;
  while (pos < source_.size() && source_[pos] != '>') {
    while (pos < source_.size() &&
           (std::isspace(static_cast<unsigned char>(source_[pos])) || source_[pos] == '/')) {
      ++pos;
    }
    const size_t name_start = pos;
    while (pos < source_.size() && !std::isspace(static_cast<unsigned char>(source_[pos])) &&
           source_[pos] != '=' && source_[pos] != '>') {
      ++pos;
    }
    const bool match =
        Lower(std::string_view(source_).substr(name_start, pos - name_start)) == Lower(attribute);
    while (pos < source_.size() && std::isspace(static_cast<unsigned char>(source_[pos]))) ++pos;
    size_t value_start = pos;
    if (pos < source_.size() && source_[pos] == '=') {
      ++pos;
      while (pos < source_.size() && std::isspace(static_cast<unsigned char>(source_[pos]))) ++pos;
      value_start = pos;
      if (pos < source_.size() && (source_[pos] == '"' || source_[pos] == '\'')) {
        const char quote = source_[pos];
        value_start = pos + 1;
        pos = source_.find(quote, pos + 1);
        pos = pos == std::string::npos ? source_.size() : pos + 1;
      } else {
        while (pos < source_.size() && !std::isspace(static_cast<unsigned char>(source_[pos])) &&
               source_[pos] != '>') {
          ++pos;
        }
      }
    }
    if (match) return PositionOf(value_start);
    if (pos == name_start) ++pos;  // a stray character: step over it
  }
  return {node.line, node.column};
}

int HtmlDocument::ElementById(std::string_view id) const {
  const auto found = ids_.find(std::string(id));
  return found == ids_.end() ? -1 : found->second;
}

bool HtmlDocument::Contains(int ancestor, int node) const {
  for (int at = node; at >= 0; at = nodes_[at].parent) {
    if (at == ancestor) return true;
  }
  return false;
}

}  // namespace kiosk::check
