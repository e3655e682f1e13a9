// The page's title and languages, ARIA and frames, and markup validity.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/text.h"
#include "check/aria_in_html.h"
#include "check/lang_tag.h"
#include "check/page_context.h"

namespace kiosk::check {

namespace {

const std::set<std::string>& AriaRoles() {
  static const std::set<std::string> kRoles = {"alert",         "alertdialog",
                                               "application",   "article",
                                               "banner",        "blockquote",
                                               "button",        "caption",
                                               "cell",          "checkbox",
                                               "code",          "columnheader",
                                               "combobox",      "comment",
                                               "complementary", "contentinfo",
                                               "definition",    "deletion",
                                               "dialog",        "directory",
                                               "document",      "emphasis",
                                               "feed",          "figure",
                                               "form",          "generic",
                                               "grid",          "gridcell",
                                               "group",         "heading",
                                               "img",           "image",
                                               "insertion",     "link",
                                               "list",          "listbox",
                                               "listitem",      "log",
                                               "main",          "mark",
                                               "marquee",       "math",
                                               "menu",          "menubar",
                                               "menuitem",      "menuitemcheckbox",
                                               "menuitemradio", "meter",
                                               "navigation",    "none",
                                               "note",          "option",
                                               "paragraph",     "presentation",
                                               "progressbar",   "radio",
                                               "radiogroup",    "region",
                                               "row",           "rowgroup",
                                               "rowheader",     "scrollbar",
                                               "search",        "searchbox",
                                               "separator",     "slider",
                                               "spinbutton",    "status",
                                               "strong",        "subscript",
                                               "suggestion",    "superscript",
                                               "switch",        "tab",
                                               "table",         "tablist",
                                               "tabpanel",      "term",
                                               "textbox",       "time",
                                               "timer",         "toolbar",
                                               "tooltip",       "tree",
                                               "treegrid",      "treeitem"};
  return kRoles;
}

const std::set<std::string>& AriaAttributes() {
  static const std::set<std::string> kAttributes = {"aria-activedescendant",
                                                    "aria-atomic",
                                                    "aria-autocomplete",
                                                    "aria-braillelabel",
                                                    "aria-brailleroledescription",
                                                    "aria-busy",
                                                    "aria-checked",
                                                    "aria-colcount",
                                                    "aria-colindex",
                                                    "aria-colindextext",
                                                    "aria-colspan",
                                                    "aria-controls",
                                                    "aria-current",
                                                    "aria-describedby",
                                                    "aria-description",
                                                    "aria-details",
                                                    "aria-disabled",
                                                    "aria-dropeffect",
                                                    "aria-errormessage",
                                                    "aria-expanded",
                                                    "aria-flowto",
                                                    "aria-grabbed",
                                                    "aria-haspopup",
                                                    "aria-hidden",
                                                    "aria-invalid",
                                                    "aria-keyshortcuts",
                                                    "aria-label",
                                                    "aria-labelledby",
                                                    "aria-level",
                                                    "aria-live",
                                                    "aria-modal",
                                                    "aria-multiline",
                                                    "aria-multiselectable",
                                                    "aria-orientation",
                                                    "aria-owns",
                                                    "aria-placeholder",
                                                    "aria-posinset",
                                                    "aria-pressed",
                                                    "aria-readonly",
                                                    "aria-relevant",
                                                    "aria-required",
                                                    "aria-roledescription",
                                                    "aria-rowcount",
                                                    "aria-rowindex",
                                                    "aria-rowindextext",
                                                    "aria-rowspan",
                                                    "aria-selected",
                                                    "aria-setsize",
                                                    "aria-sort",
                                                    "aria-valuemax",
                                                    "aria-valuemin",
                                                    "aria-valuenow",
                                                    "aria-valuetext"};
  return kAttributes;
}

// The values an enumerated ARIA attribute takes.
const std::set<std::string>* AriaValues(const std::string& attribute) {
  static const std::set<std::string> kBoolean = {"true", "false"};
  static const std::set<std::string> kOptionalBoolean = {"true", "false", "undefined"};
  static const std::set<std::string> kTristate = {"true", "false", "mixed", "undefined"};
  static const std::set<std::string> kCurrent = {"page", "step", "location", "date",
                                                 "time", "true", "false"};
  static const std::set<std::string> kLive = {"off", "polite", "assertive"};
  static const std::set<std::string> kPopup = {"false", "true", "menu",  "listbox",
                                               "tree",  "grid", "dialog"};
  static const std::set<std::string> kOrientation = {"horizontal", "vertical", "undefined"};
  static const std::set<std::string> kAutocomplete = {"inline", "list", "both", "none"};
  static const std::set<std::string> kSort = {"ascending", "descending", "none", "other"};
  static const std::set<std::string> kInvalid = {"grammar", "false", "spelling", "true"};
  static const std::map<std::string, const std::set<std::string>*> kValues = {
      {"aria-atomic", &kBoolean},
      {"aria-busy", &kBoolean},
      {"aria-disabled", &kBoolean},
      {"aria-modal", &kBoolean},
      {"aria-multiline", &kBoolean},
      {"aria-multiselectable", &kBoolean},
      {"aria-readonly", &kBoolean},
      {"aria-required", &kBoolean},
      {"aria-expanded", &kOptionalBoolean},
      {"aria-hidden", &kOptionalBoolean},
      {"aria-selected", &kOptionalBoolean},
      {"aria-grabbed", &kOptionalBoolean},
      {"aria-checked", &kTristate},
      {"aria-pressed", &kTristate},
      {"aria-current", &kCurrent},
      {"aria-live", &kLive},
      {"aria-haspopup", &kPopup},
      {"aria-orientation", &kOrientation},
      {"aria-autocomplete", &kAutocomplete},
      {"aria-sort", &kSort},
      {"aria-invalid", &kInvalid}};
  const auto found = kValues.find(attribute);
  return found == kValues.end() ? nullptr : found->second;
}

std::vector<std::string> Tokens(const std::string& value) {
  std::string normalised = value;
  std::replace_if(
      normalised.begin(), normalised.end(),
      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }, ' ');
  return SplitTopLevel(normalised, ' ');
}

void CheckTitleAndLanguage(PageContext& context) {
  const HtmlDocument& page = context.page();
  // <title> in <head>; one inside an <svg> names the image, not the page.
  int title = -1;
  if (page.head() >= 0) {
    for (int child : page.node(page.head()).children) {
      if (page.node(child).name == "title") {
        title = child;
        break;
      }
    }
  }
  if (title < 0) {
    context.Report("HM1240200C", page.head() >= 0 ? page.head() : std::max(page.html(), 0),
                   "網頁沒有標題 <title> — 在 <head> 中加上說明本頁內容的 <title>",
                   "the page has no <title> — add one in <head> saying what the page is");
  } else if (IsBlank(page.TextContent(title))) {
    context.Report("HM1240200C", title, "網頁標題 <title> 是空的 — 寫出說明本頁內容的標題",
                   "the page's <title> is empty — say what the page is");
  }

  if (page.html() >= 0) {
    const std::string* lang = page.node(page.html()).Find("lang");
    if (!lang || IsBlank(*lang)) {
      context.Report(
          "HM1310100C", page.html(),
          std::string(lang ? "根元素 <html> 的 lang 是空的" : "根元素 <html> 沒有 lang 屬性") +
              " — 中文網頁用 lang=\"zh-Hant-TW\"，英文用 lang=\"en\"",
          std::string(lang ? "the <html> element's lang is empty"
                           : "the <html> element has no lang") +
              " — use lang=\"zh-Hant-TW\" for Chinese pages, lang=\"en\" for English");
    } else if (!IsValidLanguageTag(CollapseSpace(*lang))) {
      context.Report("HM1310100C", page.html(),
                     "根元素的 lang=\"" + *lang +
                         "\" 不是有效的語言代碼 — 例如 zh-Hant-TW 或 en（以連字號分隔）",
                     "lang=\"" + *lang +
                         "\" on <html> is not a valid language tag — e.g. "
                         "zh-Hant-TW or en (with hyphens)");
    }
  }

  const std::string root = Lower(context.root_lang());
  for (int id : context.Elements()) {
    if (id == page.html()) continue;
    const std::string* lang = context.node(id).Find("lang");
    if (!lang) continue;
    const std::string value = CollapseSpace(*lang);
    if (value.empty()) {
      context.Report("HM2310200C", id, "lang 屬性是空的 — 寫出這段文字的語言代碼，或刪除 lang",
                     "the lang attribute is empty — give the passage's language, or remove it");
    } else if (!IsValidLanguageTag(value)) {
      context.Report("HM2310200C", id,
                     "lang=\"" + value + "\" 不是有效的語言代碼 — 例如 en、ja、zh-Hant-TW",
                     "lang=\"" + value +
                         "\" is not a valid language tag — e.g. en, ja, "
                         "zh-Hant-TW");
    } else if (!root.empty() && Lower(value) == root) {
      context.Report("HM2310200C", id,
                     "lang=\"" + value + "\" 與根元素的語言相同 — 只在語言改變時標示 lang，請刪除",
                     "lang=\"" + value +
                         "\" repeats the page's own language — mark only "
                         "changes of language; remove it");
    }
  }
}

// Latin letters: ASCII, Latin-1 and the Latin Extended blocks (Vietnamese among them).
bool IsLatinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

bool IsLatinCapital(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

// Whether a block's text reads as a passage of a Latin-script language: several words, at
// least two of them written in small letters only (names and brands are capitalised), no
// Chinese, Japanese or Korean character, and not a list of short items ("PDF, ODT").
// URLs, e-mail addresses, numbers and code-like tokens are no words.
bool IsLatinPassage(std::string_view text) {
  int words = 0;
  int small_words = 0;
  int items = 1;
  int most_in_item = 0;
  int in_item = 0;
  std::string token;
  const auto end_token = [&] {
    // Punctuation around a word ("(apply", "form.") is no part of it.
    const size_t first = token.find_first_not_of("([{\"'“‘");
    const size_t last = token.find_last_not_of(")]}\"'”’.,:;!?…");
    const std::string word =
        first != std::string::npos && last != std::string::npos && first <= last
            ? token.substr(first, last - first + 1)
            : "";
    token.clear();
    if (word.find("://") != std::string::npos || word.find('@') != std::string::npos ||
        StartsWith(word, "www.")) {
      return;
    }
    int letters = 0;
    bool capital = false;
    for (size_t pos = 0; pos < word.size();) {
      const char32_t c = DecodeUtf8(word, pos);
      if (IsLatinLetter(c)) {
        ++letters;
        capital = capital || IsLatinCapital(c);
      } else if (c != '\'' && c != '-' && c != 0x2019) {
        return;  // digits, dots, slashes: a number, a file name or code
      }
    }
    if (letters < 2) return;
    ++words;
    ++in_item;
    if (!capital) ++small_words;
  };
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(text, pos);
    if (IsWideCjk(c) || (c >= 0xAC00 && c <= 0xD7AF)) return false;
    const bool separator = c == ',' || c == ';' || c == '/' || c == '|' || c == 0x2022 || c == 0xB7;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0xA0 || separator) {
      end_token();
      if (separator) {
        most_in_item = std::max(most_in_item, in_item);
        in_item = 0;
        ++items;
      }
      continue;
    }
    token.append(text.substr(start, pos - start));
  }
  end_token();
  most_in_item = std::max(most_in_item, in_item);
  const bool short_items = items >= 2 && most_in_item <= 2;
  return words >= 4 && small_words >= 2 && !short_items;
}

// HM2310200C's first half, kept to what a machine can tell: on a Chinese page, a block (a
// paragraph, list item, cell, heading) whose own text is a passage in a Latin-script
// language, with no lang of its own or around it. Text in code, kbd, samp and var, and in
// elements carrying their own lang, is left out.
void CheckUntaggedPassages(PageContext& context) {
  if (Lower(context.root_lang()).rfind("zh", 0) != 0) return;
  static const std::set<std::string> kNoPassage = {
      "script", "style",  "pre",      "code",   "kbd",    "samp",     "var",
      "svg",    "math",   "textarea", "select", "option", "optgroup", "datalist",
      "button", "object", "noscript", "iframe", "canvas", "video",    "audio"};
  const HtmlDocument& page = context.page();
  for (int block : context.Elements()) {
    const HtmlNode& node = context.node(block);
    if (IsPhrasing(node.name) || kNoPassage.count(node.name) || !context.InBody(block) ||
        context.InForeign(block)) {
      continue;
    }
    bool tagged = false;
    for (int at = block; at > 0 && !tagged; at = page.node(at).parent) {
      if (at != page.html() && page.node(at).Has("lang")) tagged = true;
    }
    if (tagged) continue;
    std::string text;
    for (int at = block + 1; at < context.SubtreeEnd(block); ++at) {
      const HtmlNode& inner = page.node(at);
      if (inner.is_text()) {
        if (!context.Skipped(at)) text += inner.text;
      } else if (!IsPhrasing(inner.name) || kNoPassage.count(inner.name) || inner.Has("lang") ||
                 context.Skipped(at)) {
        text += ' ';  // its own block, or not this block's text
        at = context.SubtreeEnd(at) - 1;
      }
    }
    if (!IsLatinPassage(text)) continue;
    context.Report("HM2310200C", block,
                   "這段文字像是其他語言（如英文），但沒有標示 lang — 加上 lang，例如 <p "
                   "lang=\"en\">（kiosk 的 Markdown：在段落最後寫 {lang=en}）",
                   "this passage reads as another language (such as English) but has no lang — "
                   "add one, e.g. <p lang=\"en\"> (in kiosk's Markdown: end the paragraph with "
                   "{lang=en})");
  }
}

void CheckAria(PageContext& context) {
  static const std::set<std::string> kAbstract = {"command", "composite", "input",   "landmark",
                                                  "range",   "roletype",  "section", "sectionhead",
                                                  "select",  "structure", "widget",  "window"};
  static const std::set<std::string> kNamedFromContent = {
      "button", "checkbox", "link",   "menuitem", "menuitemcheckbox", "menuitemradio",
      "option", "radio",    "switch", "tab",      "treeitem"};
  static const std::set<std::string> kNamedByAuthor = {"combobox", "searchbox", "slider",
                                                       "spinbutton", "textbox"};
  static const std::set<std::string> kChecked = {"checkbox", "radio", "switch", "menuitemcheckbox",
                                                 "menuitemradio"};
  static const std::set<std::string> kIdReferences = {
      "aria-labelledby",       "aria-describedby",  "aria-controls", "aria-owns",
      "aria-activedescendant", "aria-errormessage", "aria-details",  "aria-flowto"};

  for (int id : context.Elements()) {
    const HtmlNode& node = context.node(id);
    const std::string type = Lower(context.Attr(id, "type"));
    const std::vector<std::string> roles = Tokens(Lower(context.Attr(id, "role")));
    std::string role;
    for (const std::string& candidate : roles) {
      const bool known = AriaRoles().count(candidate) || candidate.rfind("doc-", 0) == 0 ||
                         candidate.rfind("graphics-", 0) == 0;
      if (known) {
        role = candidate;
        break;
      }
    }
    if (!roles.empty() && role.empty()) {
      const std::string& bad = roles.front();
      context.Report("HM1410200C", id,
                     kAbstract.count(bad)
                         ? "role=\"" + bad + "\" 是抽象角色，不可用於元素 — 改用具體的角色"
                         : "role=\"" + bad + "\" 不是 WAI-ARIA 的角色 — 修正拼字，或刪除 role",
                     kAbstract.count(bad) ? "role=\"" + bad +
                                                "\" is an abstract role, not for use — use a "
                                                "concrete one"
                                          : "role=\"" + bad +
                                                "\" is not a WAI-ARIA role — fix the spelling, or "
                                                "remove it");
    }

    if (!role.empty() &&
        !RoleAllowed(node, role,
                     node.name == "img" && !context.AccessibleName(id, false).empty())) {
      const std::string tag = "<" + node.name + (node.Has("href") ? " href" : "") + ">";
      context.Report("HM1410200C", id,
                     tag + " 不可使用 role=\"" + role +
                         "\"（ARIA in HTML）— 刪除 role，或改用可以擔任這個角色的元素",
                     "role=\"" + role + "\" is not allowed on " + tag +
                         " (ARIA in HTML) — remove the role, or use an element that may take it");
    }

    for (const HtmlAttribute& attribute : node.attributes) {
      if (attribute.name.rfind("aria-", 0) != 0) continue;
      if (!AriaAttributes().count(attribute.name)) {
        context.Report("HM1410200C", id,
                       attribute.name + " 不是 WAI-ARIA 的屬性 — 修正拼字，或刪除",
                       attribute.name +
                           " is not a WAI-ARIA attribute — fix the spelling, or "
                           "remove it");
        continue;
      }
      if (const auto* values = AriaValues(attribute.name)) {
        const std::string value = Lower(CollapseSpace(attribute.value));
        if (!values->count(value)) {
          context.Report("HM1410200C", id, attribute.name + "=\"" + attribute.value + "\" 的值無效",
                         attribute.name + "=\"" + attribute.value + "\" is not a valid value");
        }
      }
      if (kIdReferences.count(attribute.name)) {
        for (const std::string& reference : Tokens(attribute.value)) {
          if (context.ById(reference) < 0) {
            context.Report("HM1410200C", id,
                           attribute.name + " 指向不存在的 id「" + reference + "」",
                           attribute.name + " names \"" + reference +
                               "\", which is no id on "
                               "the page");
          }
        }
      }
    }

    // Native controls.
    if (node.name == "button" && context.AccessibleName(id, true).empty()) {
      context.Report("HM1410200C", id, "按鈕 <button> 沒有名稱 — 寫出按鈕文字，或加上 aria-label",
                     "the <button> has no name — give it text, or an aria-label");
    }
    if (node.name == "input" && (type == "button" || type == "submit" || type == "reset")) {
      const std::string* value = node.Find("value");
      const bool unnamed =
          type == "button" ? (!value || IsBlank(*value)) : (value && IsBlank(*value));
      if (unnamed && context.AccessibleName(id, false).empty()) {
        context.Report("HM1410200C", id, "按鈕沒有文字 — 在 value 寫出按鈕的功能",
                       "the button has no text — say in its value what it does");
      }
    }

    // Custom widgets: a name and the states their role requires.
    if (role.empty()) continue;
    const bool native = node.name == "input" || node.name == "button" || node.name == "select" ||
                        node.name == "textarea" || (node.name == "a" && node.Has("href"));
    if (!native && (kNamedFromContent.count(role) || kNamedByAuthor.count(role)) &&
        context.AccessibleName(id, kNamedFromContent.count(role) > 0).empty()) {
      context.Report("HM1410200C", id,
                     "role=\"" + role + "\" 的元素沒有名稱 — 加上文字或 aria-label",
                     "the element with role=\"" + role +
                         "\" has no name — give it text or an "
                         "aria-label");
    }
    const bool native_check = node.name == "input" && (type == "checkbox" || type == "radio");
    const auto require = [&](const char* attribute) {
      if (!node.Has(attribute)) {
        context.Report("HM1410200C", id, "role=\"" + role + "\" 的元素缺少必要的 " + attribute,
                       "the element with role=\"" + role + "\" lacks the required " + attribute);
      }
    };
    if (kChecked.count(role) && !native_check) require("aria-checked");
    if (role == "slider" && !(node.name == "input" && type == "range")) require("aria-valuenow");
    if (role == "scrollbar") require("aria-valuenow");
    if (role == "combobox" && node.name != "select") require("aria-expanded");
  }

  for (int id : context.Elements()) {
    const std::string& name = context.node(id).name;
    if ((name == "iframe" || name == "frame") && context.Attr(id, "title").empty()) {
      context.Report("HM1410201C", id, "<" + name + "> 沒有 title — 以 title 說明框架的內容",
                     "the <" + name + "> has no title — say in a title what it shows");
    }
  }
}

void CheckValidity(PageContext& context) {
  const HtmlDocument& page = context.page();
  for (const HtmlProblem& problem : page.problems()) {
    std::string snippet;
    for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
      const HtmlNode& node = page.node(id);
      if (node.is_element() && node.line == problem.line && node.column == problem.column) {
        snippet = page.Snippet(id);
        break;
      }
    }
    if (snippet.empty() && problem.line > 0) {
      // The source line itself.
      std::string_view source = page.source();
      size_t start = 0;
      for (int line = 1; line < problem.line && start != std::string_view::npos; ++line) {
        start = source.find('\n', start);
        if (start != std::string_view::npos) ++start;
      }
      if (start != std::string_view::npos) {
        const size_t end = source.find('\n', start);
        snippet = ShortenText(
            CollapseSpace(source.substr(
                start, end == std::string_view::npos ? std::string_view::npos : end - start)),
            120);
      }
    }
    context.ReportAt(
        "HM1410100C", problem.line, problem.column, [&] { return snippet; },
        "HTML 不符合規格（" + problem.message_zh + "）：" + problem.message_en,
        "invalid HTML: " + problem.message_en);
  }
}

}  // namespace

void CheckPageRules(PageContext& context) {
  CheckTitleAndLanguage(context);
  CheckUntaggedPassages(context);
  CheckAria(context);
  CheckValidity(context);
}

}  // namespace kiosk::check
