#include "check/aria_in_html.h"

#include <map>
#include <string>

namespace kiosk::check {

namespace {

// What an element allows: its implicit role(s), and the other roles it may take, as
// space-separated lists; "*" for any role.
struct Allowed {
  std::string_view implicit;
  std::string_view others;
};

constexpr std::string_view kAnyRole = "*";

// Elements whose roles are limited, apart from those that depend on their attributes (a, area,
// img, input, select: see AllowedFor). Every element not listed takes any role.
const std::map<std::string_view, Allowed>& LimitedElements() {
  static constexpr std::string_view kLists =
      "directory group listbox menu menubar none presentation radiogroup tablist toolbar tree";
  static constexpr std::string_view kHeadings = "none presentation tab doc-subtitle";
  static const std::map<std::string_view, Allowed> kElements = {
      {"article", {"article", "application document feed main none presentation region"}},
      {"aside",
       {"complementary",
        "feed none note presentation region search doc-dedication doc-example doc-footnote "
        "doc-glossary doc-pullquote doc-tip"}},
      {"audio", {"", "application"}},
      {"base", {"", ""}},
      {"body", {"generic", ""}},
      {"br", {"", "none presentation"}},
      {"button",
       {"button",
        "checkbox combobox gridcell link menuitem menuitemcheckbox menuitemradio option radio "
        "separator slider switch tab treeitem"}},
      {"caption", {"caption", ""}},
      {"col", {"", ""}},
      {"colgroup", {"", ""}},
      {"datalist", {"listbox", ""}},
      {"dd", {"definition", ""}},
      {"details", {"group", ""}},
      {"dialog", {"dialog", "alertdialog"}},
      {"dl", {"", "group list none presentation"}},
      {"dt", {"term", "listitem"}},
      {"embed", {"", "application document img none presentation"}},
      {"fieldset", {"group", "none presentation radiogroup"}},
      {"figcaption", {"", "group none presentation"}},
      {"footer", {"contentinfo", "group none presentation doc-footnote"}},
      {"form", {"form", "none presentation search"}},
      {"h1", {"heading", kHeadings}},
      {"h2", {"heading", kHeadings}},
      {"h3", {"heading", kHeadings}},
      {"h4", {"heading", kHeadings}},
      {"h5", {"heading", kHeadings}},
      {"h6", {"heading", kHeadings}},
      {"head", {"", ""}},
      {"header", {"banner", "group none presentation doc-footnote"}},
      {"hr", {"separator", "none presentation doc-pagebreak"}},
      {"html", {"document", ""}},
      {"iframe", {"", "application document img none presentation"}},
      {"label", {"", ""}},
      {"legend", {"", ""}},
      {"li",
       {"listitem",
        "menuitem menuitemcheckbox menuitemradio option none presentation radio separator tab "
        "treeitem doc-biblioentry doc-endnote"}},
      {"link", {"", ""}},
      {"main", {"main", ""}},
      {"map", {"", ""}},
      {"math", {"math", ""}},
      {"menu", {"list", kLists}},
      {"meta", {"", ""}},
      {"meter", {"meter", ""}},
      {"nav",
       {"navigation", "menu menubar none presentation tablist doc-index doc-pagelist doc-toc"}},
      {"noscript", {"", ""}},
      {"object", {"", "application document img"}},
      {"ol", {"list", kLists}},
      {"optgroup", {"group", ""}},
      {"option", {"option", ""}},
      {"param", {"", ""}},
      {"picture", {"", ""}},
      {"progress", {"progressbar", ""}},
      {"script", {"", ""}},
      {"search", {"search", "form group none presentation region"}},
      {"section",
       {"region",
        "alert alertdialog application banner complementary contentinfo dialog document feed "
        "group log main marquee navigation none note presentation search status tabpanel doc-*"}},
      {"slot", {"", ""}},
      {"source", {"", ""}},
      {"style", {"", ""}},
      {"summary", {"", ""}},
      {"textarea", {"textbox", ""}},
      {"title", {"", ""}},
      {"track", {"", ""}},
      {"ul", {"list", kLists}},
      {"video", {"", "application"}},
      {"wbr", {"", "none presentation"}},
  };
  return kElements;
}

std::string Lowered(const std::string* value) {
  std::string text = value ? *value : "";
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Allowed AllowedFor(const HtmlNode& element, bool named) {
  const std::string& name = element.name;
  if (name == "a") {
    if (!element.Has("href")) return {"", kAnyRole};
    return {"link",
            "button checkbox menuitem menuitemcheckbox menuitemradio option radio switch tab "
            "treeitem doc-backlink doc-biblioref doc-glossref doc-noteref"};
  }
  if (name == "area") return element.Has("href") ? Allowed{"link", ""} : Allowed{"", "button link"};
  if (name == "img") {
    if (element.Has("usemap")) return {"img", kAnyRole};
    const std::string* alt = element.Find("alt");
    if ((alt && !IsBlank(*alt)) || named) {
      return {"img image",
              "button checkbox link math menuitem menuitemcheckbox menuitemradio meter option "
              "progressbar radio scrollbar separator slider switch tab treeitem doc-cover"};
    }
    return {"img", "none presentation"};
  }
  if (name == "select") {
    const std::string size = Lowered(element.Find("size"));
    if (!element.Has("multiple") && (size.empty() || size == "1" || size == "0")) {
      return {"combobox", "menu"};
    }
    return {"listbox", ""};
  }
  if (name == "input") {
    const std::string type = Lowered(element.Find("type"));
    if (type == "button") {
      return {"button",
              "checkbox combobox link menuitem menuitemcheckbox menuitemradio option radio "
              "switch tab"};
    }
    if (type == "checkbox") {
      return {"checkbox", element.Has("aria-pressed") ? "button menuitemcheckbox option switch"
                                                      : "menuitemcheckbox option switch"};
    }
    if (type == "radio") return {"radio", "menuitemradio"};
    if (type == "image") {
      return {"button", "link menuitem menuitemcheckbox menuitemradio radio switch"};
    }
    if (type == "submit" || type == "reset") return {"button", ""};
    if (type == "range") return {"slider", ""};
    if (type == "number") return {"spinbutton", ""};
    if (type == "color" || type == "date" || type == "datetime-local" || type == "file" ||
        type == "hidden" || type == "month" || type == "password" || type == "time" ||
        type == "week") {
      return {"", ""};
    }
    if (element.Has("list") && (type.empty() || type == "text")) return {"combobox", ""};
    return {type == "search" ? "searchbox" : "textbox", "combobox searchbox spinbutton"};
  }
  const auto found = LimitedElements().find(name);
  return found == LimitedElements().end() ? Allowed{"", kAnyRole} : found->second;
}

// Whether a space-separated list holds `role` ("doc-*" holds every doc- role).
bool Lists(std::string_view list, std::string_view role) {
  while (!list.empty()) {
    const size_t space = list.find(' ');
    const std::string_view entry = list.substr(0, space);
    if (entry == role || (entry == "doc-*" && role.substr(0, 4) == "doc-")) return true;
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace

bool RoleAllowed(const HtmlNode& element, std::string_view role, bool named) {
  const Allowed allowed = AllowedFor(element, named);
  return allowed.others == kAnyRole || Lists(allowed.implicit, role) || Lists(allowed.others, role);
}

}  // namespace kiosk::check
