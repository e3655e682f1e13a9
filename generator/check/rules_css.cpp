// The CSS checks: units (CS2140401C, CS3140801C, CS3140802C), fixed colours (CS3140800C)
// and text contrast (KS2140300C).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <set>

#include "check/page_context.h"

namespace kiosk::check {

namespace {

// A declaration as the checks see it: where it is and what rule holds it.
struct Place {
  const CssDeclaration* declaration;
  const CssRule* rule;          // nullptr for a style attribute
  const PageStylesheet* sheet;  // nullptr for a style attribute
  int element = -1;             // the element of a style attribute
};

std::string Where(const Place& place) { return place.sheet ? place.sheet->href : ""; }

std::string Snippet(const PageContext& context, const Place& place) {
  if (!place.rule) return context.page().Snippet(place.element);
  return ShortenText(place.rule->selector_text + " { " + place.declaration->property + ": " +
                         place.declaration->value + " }",
                     120);
}

// The size part of a `font` shorthand: "bold 14px/1.5 serif" -> "14px".
std::string FontShorthandSize(const std::string& value, std::string* line_height = nullptr) {
  for (const std::string& token : SplitTopLevel(Lower(value), ' ')) {
    const size_t slash = token.find('/');
    const std::string size = token.substr(0, slash);
    const bool numeric =
        !size.empty() && (std::isdigit(static_cast<unsigned char>(size[0])) || size[0] == '.');
    if ((numeric && size.find_first_not_of("0123456789.") != std::string::npos) ||
        size.rfind("calc(", 0) == 0 || size.rfind("clamp(", 0) == 0) {
      if (line_height && slash != std::string::npos) *line_height = token.substr(slash + 1);
      return size;
    }
  }
  return "";
}

std::string SourceText(const StyleSource& source) {
  if (source.from_browser()) return "瀏覽器預設";
  const std::string file = source.stylesheet.empty() ? "本頁" : source.stylesheet;
  return file + " 第 " + std::to_string(source.line) + " 行 " + source.selector;
}

std::string SourceTextEn(const StyleSource& source) {
  if (source.from_browser()) return "the browser's default";
  const std::string file = source.stylesheet.empty() ? "this page" : source.stylesheet;
  return file + " line " + std::to_string(source.line) + " " + source.selector;
}

std::string Ratio(double ratio) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::floor(ratio * 100) / 100);
  return buffer;
}

bool SetsColour(const CssDeclaration& declaration) {
  const std::string value = Lower(declaration.value);
  if (value == "inherit" || value == "initial" || value == "unset" || value == "transparent" ||
      value == "currentcolor" || value == "revert" || value == "none") {
    return false;
  }
  if (declaration.property == "color" || declaration.property == "background-color") return true;
  if (declaration.property != "background") return false;
  for (const std::string& token : SplitTopLevel(value, ' ')) {
    if (token.rfind("var(", 0) == 0) return true;
    const auto colour = ParseColor(token);
    if (colour && colour->a > 0) return true;
  }
  return false;
}

bool IsLayoutContainer(const std::string& display) {
  return display == "grid" || display == "inline-grid" || display == "flex" ||
         display == "inline-flex" || display == "table" || display == "table-row" ||
         display == "table-row-group";
}

// Whether an element holds any text that is not white space: cheaper than its content name,
// which the column check does not need.
bool HasText(const HtmlDocument& page, int element) {
  for (int child : page.node(element).children) {
    const HtmlNode& node = page.node(child);
    if (node.is_text()) {
      if (node.text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
    } else if (HasText(page, child)) {
      return true;
    }
  }
  return false;
}

void CheckColumnWidth(PageContext& context) {
  const HtmlDocument& page = context.page();
  const StyleResolver& styles = context.styles();
  const std::string lang = Lower(context.root_lang());
  const bool cjk = lang.rfind("zh", 0) == 0 || lang.rfind("ja", 0) == 0 || lang.rfind("ko", 0) == 0;
  const int limit_chars = cjk ? 40 : 80;
  int container = page.body();
  for (int id : context.Elements()) {
    if (context.node(id).name == "main" || Lower(context.Attr(id, "role")) == "main") {
      container = id;
      break;
    }
  }
  if (container < 0) return;

  std::set<std::pair<std::string, int>> reported;
  bool reported_unbounded = false;
  for (int p : context.Elements("p")) {
    if (!page.Contains(container, p) || !styles.Style(p).rendered || !HasText(page, p)) {
      continue;
    }
    // The narrowest width set on the paragraph or a box around it, up to a box whose width
    // the layout decides (a grid or flex item, a float, a table cell): beyond that, unknown.
    std::optional<double> limit;
    StyleSource source;
    std::string written;
    bool layout_decides = false;
    double inset = 0;  // margins and paddings between a box's content and the text
    for (int at = p; at > 0; at = page.node(at).parent) {
      const ComputedStyle& style = styles.Style(at);
      const auto consider = [&](const std::optional<double>& width, const StyleSource& from,
                                const std::string& text) {
        if (!width) return;
        const double inner = *width - (style.border_box ? style.padding_x : 0) - inset;
        if (!limit || inner < *limit) {
          limit = inner;
          source = from;
          written = text;
        }
      };
      consider(style.max_width, style.max_width_source, style.max_width_value);
      consider(style.width, style.width_source, "");
      const int parent = page.node(at).parent;
      if (style.floated || style.display == "table-cell" || style.display == "table-caption" ||
          (parent > 0 && IsLayoutContainer(styles.Style(parent).display))) {
        layout_decides = true;
        break;
      }
      inset += style.margin_x + style.padding_x;
    }
    if (!limit) {
      if (!layout_decides && !reported_unbounded) {
        reported_unbounded = true;
        context.Report("CS3140801C", p,
                       "內文欄寬沒有上限，寬螢幕上一行會超過 " + std::to_string(limit_chars) +
                           (cjk ? " 個中文字" : " 個字母") + " — 以 max-width（em 或 rem）限制欄寬",
                       "the text column has no maximum width, so lines grow past " +
                           std::to_string(limit_chars) +
                           " characters on wide screens — limit it with max-width in em or rem");
      }
      continue;
    }
    const ComputedStyle& text = styles.Style(p);
    const double character = (cjk ? text.font_size : text.font_size * 0.5) + text.letter_spacing;
    if (character <= 0) continue;
    // Counted in doubles: a width beyond any screen (max-width: 3111…1rem) fits more
    // characters than an int holds.
    const double fits = std::floor(*limit / character + 1e-9);
    if (!(fits > limit_chars) || source.from_browser()) continue;  // not NaN either
    if (!reported.emplace(source.stylesheet, source.line).second) continue;
    const long long per_line = static_cast<long long>(std::min(fits, 1e12));
    const std::string size =
        std::to_string(static_cast<long long>(std::lround(std::min(text.font_size, 1e12))));
    context.ReportAt(
        "CS3140801C", source.line, source.column,
        [&] { return ShortenText(source.selector + " { max-width: " + written + " }", 120); },
        "欄寬約可容納 " + std::to_string(per_line) + (cjk ? " 個中文字" : " 個字母") + "（字級 " +
            size + "px），超過 " + std::to_string(limit_chars) + " 個 — 縮小 " + source.selector +
            " 的寬度",
        "the text column fits about " + std::to_string(per_line) + " characters (at " + size +
            " px), more than " + std::to_string(limit_chars) + " — narrow " + source.selector,
        source.selector == "style" ? "" : source.stylesheet);
  }
}

void CheckContrast(PageContext& context) {
  const HtmlDocument& page = context.page();
  const StyleResolver& styles = context.styles();
  std::set<std::tuple<std::string, std::string, bool>> reported;
  static const std::set<std::string> kSkippedParents = {
      "script", "style", "noscript", "textarea", "select",  "option",
      "button", "title", "datalist", "meter",    "progress"};
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    if (!node.is_text() || IsBlank(node.text) || context.Skipped(id) || !context.InBody(id) ||
        context.InForeign(id)) {
      continue;
    }
    bool control = false;
    for (int at = node.parent; at > 0; at = page.node(at).parent) {
      if (kSkippedParents.count(page.node(at).name)) control = true;
    }
    if (control) continue;
    const ComputedStyle& style = styles.Style(id);
    if (!style.rendered || !style.color) continue;
    StyleSource background_source;
    const std::optional<Rgba> background = styles.BackgroundBehind(id, &background_source);
    if (!background) continue;
    Rgba foreground = *style.color;
    foreground.a *= styles.EffectiveOpacity(id);
    const Rgba seen = Blend(foreground, *background);
    const double ratio = ContrastRatio(seen, *background);
    const bool large = styles.IsLargeText(id);
    const double needed = large ? 3.0 : 4.5;
    if (ratio >= needed) continue;
    // The size depends on something unknown: it might be large text, which needs only 3:1.
    if (!style.font_size_known && ratio >= 3.0) continue;
    if (!reported.emplace(ColorToString(seen), ColorToString(*background), large).second) continue;
    const std::string need = large ? "3:1（大字）" : "4.5:1";
    const std::string need_en = large ? "3:1 (large text)" : "4.5:1";
    const std::string sample = ShortenText(CollapseSpace(node.text), 20);
    context.Report(
        "KS2140300C", node.parent,
        "文字「" + sample + "」與背景的對比只有 " + Ratio(ratio) + ":1，低於 " + need + "：文字 " +
            ColorToString(seen) + "（" + SourceText(style.color_source) + "），背景 " +
            ColorToString(*background) + "（" + SourceText(background_source) + "）",
        "the text \"" + sample + "\" contrasts " + Ratio(ratio) + ":1 with its background, below " +
            need_en + ": text " + ColorToString(seen) + " (" + SourceTextEn(style.color_source) +
            "), background " + ColorToString(*background) + " (" + SourceTextEn(background_source) +
            ")");
  }
}

}  // namespace

void CheckCss(PageContext& context) {
  const HtmlDocument& page = context.page();
  std::vector<Place> places;
  for (const PageStylesheet& sheet : context.sheets()) {
    if (!MediaApplies(sheet.media)) continue;
    for (const CssRule& rule : sheet.parsed->rules) {
      if (!MediaApplies(rule.media)) continue;
      for (const CssDeclaration& declaration : rule.declarations) {
        places.push_back({&declaration, &rule, &sheet});
      }
    }
  }
  std::deque<std::vector<CssDeclaration>> inline_styles;
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    const std::string* style = node.is_element() ? node.Find("style") : nullptr;
    if (!style || context.Skipped(id)) continue;
    const auto [line, column] = page.AttributePosition(id, "style");
    inline_styles.push_back(ParseDeclarations(*style, line, column));
    for (const CssDeclaration& declaration : inline_styles.back()) {
      places.push_back({&declaration, nullptr, nullptr, id});
    }
  }

  bool any_line_height = false;
  for (const Place& place : places) {
    const CssDeclaration& declaration = *place.declaration;
    const std::string& property = declaration.property;
    const auto report = [&](std::string_view code, std::string zh, std::string en) {
      context.ReportAt(
          code, declaration.line, declaration.column, [&] { return Snippet(context, place); },
          std::move(zh), std::move(en), Where(place));
    };
    std::string line_height;
    if (property == "font-size" ||
        (property == "font" && !FontShorthandSize(declaration.value, &line_height).empty())) {
      const std::string size =
          property == "font" ? FontShorthandSize(declaration.value) : declaration.value;
      if (HasAbsoluteLength(size)) {
        report("CS2140401C",
               "字型大小 " + size + " 使用絕對單位，使用者無法放大 — 改用 rem、em 或 %",
               "the font size " + size +
                   " is in an absolute unit, which users cannot scale — "
                   "use rem, em or %");
      }
    }
    if (property == "line-height") {
      any_line_height = true;
      line_height = declaration.value;
    }
    if (!line_height.empty()) {
      any_line_height = true;
      if (HasAbsoluteLength(line_height)) {
        report("CS3140802C", "行距 " + line_height + " 使用絕對單位 — 改用不帶單位的倍數，如 1.5",
               "the line height " + line_height +
                   " is in an absolute unit — use a plain "
                   "factor such as 1.5");
      }
    }
    if (property == "max-width" && HasAbsoluteLength(declaration.value)) {
      report("CS3140801C",
             "欄寬 max-width: " + declaration.value + " 使用絕對單位 — 改用 em、rem 或 %",
             "max-width: " + declaration.value + " is in an absolute unit — use em, rem or %");
    }
  }
  if (!any_line_height) {
    const int line = context.sheets().empty() ? 0 : context.sheets().front().line;
    int at = page.head() >= 0 ? page.head() : std::max(page.html(), 0);
    for (int id = 1; id < static_cast<int>(page.nodes().size()) && line > 0; ++id) {
      if (page.node(id).is_element() && page.node(id).line == line &&
          (page.node(id).name == "link" || page.node(id).name == "style")) {
        at = id;
        break;
      }
    }
    context.Report("CS3140802C", at,
                   "樣式表沒有設定行距 (line-height) — 為內文設定 line-height: 1.5 以上",
                   "no stylesheet sets line-height — set line-height: 1.5 or more for body text");
  }

  // Main-content colours, unless the page offers an alternate stylesheet to change them.
  const bool alternate = std::any_of(context.sheets().begin(), context.sheets().end(),
                                     [](const PageStylesheet& sheet) { return sheet.alternate; });
  if (!alternate) {
    std::vector<int> main_boxes = {page.html(), page.body()};
    for (int id : context.Elements()) {
      if (context.node(id).name == "main" || Lower(context.Attr(id, "role")) == "main") {
        main_boxes.push_back(id);
      }
    }
    for (const Place& place : places) {
      if (!SetsColour(*place.declaration)) continue;
      bool on_main = false;
      if (place.rule) {
        for (const CssSelector& selector : place.rule->selectors) {
          for (int box : main_boxes) {
            if (box >= 0 && selector.Matches(page, box)) on_main = true;
          }
        }
      } else {
        on_main =
            std::find(main_boxes.begin(), main_boxes.end(), place.element) != main_boxes.end();
      }
      if (!on_main) continue;
      const CssDeclaration& declaration = *place.declaration;
      context.ReportAt(
          "CS3140800C", declaration.line, declaration.column,
          [&] { return Snippet(context, place); },
          "主要內容的" + std::string(declaration.property == "color" ? "文字" : "背景") +
              "顏色被固定，且沒有替代樣式表 — 提供可切換的替代樣式表，或不在 html、body、main "
              "設定顏色",
          "the main content's " +
              std::string(declaration.property == "color" ? "text" : "background") +
              " colour is fixed and there is no alternate stylesheet — offer one, or leave the "
              "colours of html, body and main unset",
          Where(place));
    }
  }

  CheckColumnWidth(context);
  CheckContrast(context);
}

}  // namespace kiosk::check
