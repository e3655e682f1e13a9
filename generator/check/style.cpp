#include "check/style.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "check/html_document.h"

namespace kiosk::check {

namespace {

// What browsers do before any author CSS, as far as the checks need it.
constexpr std::string_view kBrowserDefaults = R"css(
html { color: #000; }
a:any-link { color: #0000ee; }
mark { background-color: #ff0; color: #000; }
h1 { font-size: 2em; font-weight: bold; }
h2 { font-size: 1.5em; font-weight: bold; }
h3 { font-size: 1.17em; font-weight: bold; }
h4 { font-size: 1em; font-weight: bold; }
h5 { font-size: 0.83em; font-weight: bold; }
h6 { font-size: 0.67em; font-weight: bold; }
b, strong, th, dt { font-weight: bolder; }
small, sub, sup { font-size: smaller; }
head, script, style, template, title, meta, link, datalist, noscript, [hidden] { display: none; }
table { display: table; }
tr { display: table-row; }
thead, tbody, tfoot { display: table-row-group; }
td, th { display: table-cell; }
caption { display: table-caption; }
)css";

const Stylesheet& BrowserDefaults() {
  static const Stylesheet kSheet = ParseStylesheet(kBrowserDefaults);
  return kSheet;
}

enum Slot {
  kColor,
  kBackgroundColor,
  kBackgroundImage,
  kFontSize,
  kFontWeight,
  kDisplay,
  kVisibility,
  kOpacity,
  kPosition,
  kWidth,
  kHeight,
  kMaxWidth,
  kLeft,
  kRight,
  kTop,
  kClip,
  kClipPath,
  kTextIndent,
  kLetterSpacing,
  kPaddingLeft,
  kPaddingRight,
  kBoxSizing,
  kOverflow,
  kFloat,
  kMarginLeft,
  kMarginRight,
  kSlotCount
};

const std::unordered_map<std::string, Slot>& Longhands() {
  static const std::unordered_map<std::string, Slot> kSlots = {
      {"color", kColor},
      {"background-color", kBackgroundColor},
      {"background-image", kBackgroundImage},
      {"font-size", kFontSize},
      {"font-weight", kFontWeight},
      {"display", kDisplay},
      {"visibility", kVisibility},
      {"opacity", kOpacity},
      {"position", kPosition},
      {"width", kWidth},
      {"height", kHeight},
      {"max-width", kMaxWidth},
      {"left", kLeft},
      {"right", kRight},
      {"top", kTop},
      {"clip", kClip},
      {"clip-path", kClipPath},
      {"text-indent", kTextIndent},
      {"letter-spacing", kLetterSpacing},
      {"padding-left", kPaddingLeft},
      {"padding-right", kPaddingRight},
      {"box-sizing", kBoxSizing},
      {"overflow", kOverflow},
      {"overflow-x", kOverflow},
      {"float", kFloat},
      {"margin-left", kMarginLeft},
      {"margin-right", kMarginRight},
  };
  return kSlots;
}

struct SlotValue {
  std::string value;
  StyleSource source;
};
using Slots = std::array<std::optional<SlotValue>, kSlotCount>;
using Variables = std::map<std::string, std::string>;

bool IsWideKeyword(const std::string& value) {
  return value == "inherit" || value == "initial" || value == "unset" || value == "revert" ||
         value == "revert-layer";
}

bool IsImage(std::string_view value) {
  const std::string v = Lower(value);
  return v.find("url(") != std::string::npos || v.find("gradient(") != std::string::npos ||
         v.find("image-set(") != std::string::npos || v.find("image(") != std::string::npos;
}

// Replaces var(--x, fallback) with the values of custom properties; nullopt when one is
// missing and has no fallback (the declaration is then not used).
std::optional<std::string> Substitute(const std::string& value, const Variables& variables,
                                      int depth = 0) {
  if (depth > 16) return std::nullopt;
  const size_t start = Lower(value).find("var(");
  if (start == std::string::npos) return value;
  size_t close = start + 4;
  for (int nesting = 1; close < value.size(); ++close) {
    if (value[close] == '(') ++nesting;
    if (value[close] == ')' && --nesting == 0) break;
  }
  if (close >= value.size()) return std::nullopt;
  const std::string inside = value.substr(start + 4, close - start - 4);
  const size_t comma = inside.find(',');
  std::string name(inside.substr(0, comma));
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
             name.end());
  std::optional<std::string> replacement;
  if (const auto found = variables.find(name); found != variables.end()) {
    replacement = Substitute(found->second, variables, depth + 1);
  }
  if (!replacement && comma != std::string::npos) {
    replacement = Substitute(inside.substr(comma + 1), variables, depth + 1);
  }
  if (!replacement) return std::nullopt;
  return Substitute(value.substr(0, start) + *replacement + value.substr(close + 1), variables,
                    depth + 1);
}

bool IsFontSizeToken(const std::string& token) {
  static const std::vector<std::string> kKeywords = {"xx-small", "x-small", "small",    "medium",
                                                     "large",    "x-large", "xx-large", "xxx-large",
                                                     "smaller",  "larger"};
  if (std::find(kKeywords.begin(), kKeywords.end(), token) != kKeywords.end()) return true;
  if (token.rfind("calc(", 0) == 0 || token.rfind("clamp(", 0) == 0 ||
      token.rfind("min(", 0) == 0 || token.rfind("max(", 0) == 0) {
    return true;
  }
  return !token.empty() &&
         (std::isdigit(static_cast<unsigned char>(token[0])) || token[0] == '.') &&
         token.find_first_of("abcdefghijklmnopqrstuvwxyz%") != std::string::npos;
}

// The longhands a declaration sets, with their values.
std::vector<std::pair<Slot, std::string>> Expand(const std::string& property,
                                                 const std::string& value) {
  const std::string lower = Lower(value);
  if (const auto found = Longhands().find(property); found != Longhands().end()) {
    return {{found->second, lower}};
  }
  if (property == "background") {
    if (IsWideKeyword(lower)) return {{kBackgroundColor, lower}, {kBackgroundImage, lower}};
    const std::vector<std::string> layers = SplitTopLevel(lower, ',');
    std::string colour = "transparent";
    if (!layers.empty()) {
      for (const std::string& token : SplitTopLevel(layers.back(), ' ')) {
        if (ParseColor(token) || token == "currentcolor") colour = token;
      }
    }
    return {{kBackgroundColor, colour}, {kBackgroundImage, IsImage(lower) ? "image" : "none"}};
  }
  if (property == "font") {
    if (IsWideKeyword(lower)) return {{kFontSize, lower}, {kFontWeight, lower}};
    std::string weight = "normal";
    std::string size;
    for (const std::string& token : SplitTopLevel(lower, ' ')) {
      const std::string first = token.substr(0, token.find('/'));
      if (first == "bold" || first == "bolder" || first == "lighter" ||
          (first.size() == 3 && std::all_of(first.begin(), first.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) != 0;
           }))) {
        weight = first;
      } else if (size.empty() && IsFontSizeToken(first)) {
        size = first;
        break;
      }
    }
    if (size.empty()) return {};  // a system font such as "caption"
    return {{kFontSize, size}, {kFontWeight, weight}};
  }
  if (property == "padding" || property == "margin") {
    const std::vector<std::string> parts = SplitTopLevel(lower, ' ');
    if (parts.empty()) return {};
    const std::string right = parts.size() >= 2 ? parts[1] : parts[0];
    const std::string left = parts.size() >= 4 ? parts[3] : right;
    if (property == "margin") return {{kMarginLeft, left}, {kMarginRight, right}};
    return {{kPaddingLeft, left}, {kPaddingRight, right}};
  }
  if (property == "padding-inline" || property == "margin-inline") {
    const std::vector<std::string> parts = SplitTopLevel(lower, ' ');
    if (parts.empty()) return {};
    const std::string end = parts.size() >= 2 ? parts[1] : parts[0];
    if (property == "margin-inline") return {{kMarginLeft, parts[0]}, {kMarginRight, end}};
    return {{kPaddingLeft, parts[0]}, {kPaddingRight, end}};
  }
  if (property == "inset") {
    const std::vector<std::string> parts = SplitTopLevel(lower, ' ');
    if (parts.empty()) return {};
    const std::string right = parts.size() >= 2 ? parts[1] : parts[0];
    const std::string left = parts.size() >= 4 ? parts[3] : right;
    return {{kTop, parts[0]}, {kRight, right}, {kLeft, left}};
  }
  return {};
}

// One selector of the cascade's rules, with what it needs to rank its declarations.
struct IndexedSelector {
  const CssSelector* selector;
  const CssRule* rule;
  const std::string* href;  // the stylesheet's; nullptr for the browser's defaults
  long order;
};

class SelectorIndex {
 public:
  void Add(const CssSelector& selector, int entry) {
    const auto [kind, name] = selector.Key();
    switch (kind) {
      case '#':
        by_id_[name].push_back(entry);
        break;
      case '.':
        by_class_[name].push_back(entry);
        break;
      case 't':
        by_tag_[name].push_back(entry);
        break;
      default:
        universal_.push_back(entry);
    }
  }

  // Visits the entries whose rightmost compound can match the node, each once.
  template <typename Visit>
  void ForCandidates(const HtmlNode& node, Visit visit) const {
    for (const int entry : universal_) visit(entry);
    if (const auto found = by_tag_.find(node.name); found != by_tag_.end()) {
      for (const int entry : found->second) visit(entry);
    }
    if (const std::string* id = node.Find("id")) {
      if (const auto found = by_id_.find(*id); found != by_id_.end()) {
        for (const int entry : found->second) visit(entry);
      }
    }
    if (const std::string* classes = node.Find("class")) {
      std::vector<std::string_view> seen;
      for (const std::string_view name : ClassNames(*classes)) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        if (const auto found = by_class_.find(name); found != by_class_.end()) {
          for (const int entry : found->second) visit(entry);
        }
      }
    }
  }

 private:
  std::unordered_map<std::string, std::vector<int>> by_id_;
  std::unordered_map<std::string, std::vector<int>, ViewHash, std::equal_to<>> by_class_;
  std::unordered_map<std::string, std::vector<int>> by_tag_;
  std::vector<int> universal_;
};

struct Candidate {
  const CssDeclaration* declaration;
  const IndexedSelector* entry;  // nullptr for a style attribute
  int level;  // 0 browser, 1 author, 2 style attribute; +2 for !important author and inline
  int specificity;
  long order;
};

int ParseWeight(const std::string& value, int parent) {
  if (value == "normal") return 400;
  if (value == "bold") return 700;
  if (value == "bolder") return parent < 350 ? 400 : parent < 550 ? 700 : 900;
  if (value == "lighter") return parent < 550 ? 100 : parent < 750 ? 400 : 700;
  try {
    const int weight = std::stoi(value);
    if (weight >= 1 && weight <= 1000) return weight;
  } catch (...) {
  }
  return parent;
}

bool IsTiny(const std::optional<double>& length) { return length && *length <= 1.5; }

// The author stylesheets that apply to a screen of this width, in cascade order.
std::vector<const PageStylesheet*> Applying(const std::vector<PageStylesheet>& sheets,
                                            double viewport_width) {
  std::vector<const PageStylesheet*> applying;
  for (const PageStylesheet& sheet : sheets) {
    if (!sheet.alternate && MediaApplies(sheet.media, viewport_width)) applying.push_back(&sheet);
  }
  return applying;
}

}  // namespace

// What the cascade carries from an element to its descendants.
struct CascadeState {
  ComputedStyle style;
  std::shared_ptr<const Variables> variables;  // custom properties, inherited
  bool removed = false;                        // display:none or moved out of sight, here or above
  bool invisible = false;                      // visibility:hidden, which a descendant may undo
};

// The selectors of the browser's defaults and a page's stylesheets, indexed by what their
// rightmost element must have. Immutable, so pages on several threads share it.
class CascadeRules {
 public:
  CascadeRules(const std::vector<const PageStylesheet*>& sheets, double viewport_width) {
    for (const PageStylesheet* sheet : sheets) {
      sheets_.push_back(sheet->parsed);
      hrefs_.push_back(sheet->href);
    }
    long order = 0;
    const auto add = [&](const Stylesheet& sheet, const std::string* href) {
      for (const CssRule& rule : sheet.rules) {
        ++order;
        if (!MediaApplies(rule.media, viewport_width)) continue;
        for (const CssSelector& selector : rule.selectors) {
          if (!selector.matchable()) continue;
          index_.Add(selector, static_cast<int>(entries_.size()));
          entries_.push_back({&selector, &rule, href, order});
          tests_.Add(selector);
        }
      }
    };
    add(BrowserDefaults(), nullptr);
    for (size_t i = 0; i < sheets_.size(); ++i) add(*sheets_[i], &hrefs_[i]);
  }
  CascadeRules(const CascadeRules&) = delete;  // entries_ point into it
  CascadeRules& operator=(const CascadeRules&) = delete;

  // The entries that match an element, in the order of `entries_`: elements that match the
  // same selectors get the same list. (Candidates of equal priority come from one rule,
  // whose declarations are the same whichever of its selectors matched first.)
  std::vector<int> Match(const HtmlDocument& page, int element) const {
    std::vector<int> matched;
    index_.ForCandidates(page.node(element), [&](int entry) {
      if (entries_[entry].selector->Matches(page, element)) matched.push_back(entry);
    });
    std::sort(matched.begin(), matched.end());
    return matched;
  }

  // The declarations that apply to an element, lowest priority first.
  std::vector<Candidate> Candidates(const std::vector<int>& matched,
                                    const std::vector<CssDeclaration>& inline_declarations) const {
    std::vector<Candidate> candidates;
    for (const int index : matched) {
      const IndexedSelector& entry = entries_[index];
      for (const CssDeclaration& declaration : entry.rule->declarations) {
        const int level = !entry.href ? 0 : declaration.important ? 3 : 1;
        candidates.push_back(
            {&declaration, &entry, level, entry.selector->specificity(), entry.order});
      }
    }
    for (const CssDeclaration& declaration : inline_declarations) {
      candidates.push_back({&declaration, nullptr, declaration.important ? 4 : 2, 0, 0});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return std::tie(a.level, a.specificity, a.order) <
                              std::tie(b.level, b.specificity, b.order);
                     });
    return candidates;
  }

  const SelectorTests& tests() const { return tests_; }

 private:
  std::vector<std::shared_ptr<const Stylesheet>> sheets_;  // what entries_ point into
  std::vector<std::string> hrefs_;                         // by sheet
  std::vector<IndexedSelector> entries_;
  SelectorIndex index_;
  SelectorTests tests_;
};

namespace {

// The style of an element from its parent's and the declarations that apply to it.
// `root`: the element is <html>, whose font size sets the rem of the page;
// `root_font_size`: the page's rem so far.
CascadeState ComputeState(const CascadeState& parent, const std::vector<Candidate>& candidates,
                          bool root, double root_font_size, double viewport_width) {
  CascadeState state;
  // Custom properties inherit; an element shares its parent's set unless it adds one.
  std::shared_ptr<const Variables> vars = parent.variables;
  std::shared_ptr<Variables> own;
  for (const Candidate& candidate : candidates) {
    if (candidate.declaration->property.rfind("--", 0) != 0) continue;
    if (!own) own = std::make_shared<Variables>(*vars);
    (*own)[candidate.declaration->property] = candidate.declaration->value;
  }
  if (own) vars = own;
  state.variables = vars;

  Slots slots;
  for (const Candidate& candidate : candidates) {
    const CssDeclaration& declaration = *candidate.declaration;
    if (declaration.property.rfind("--", 0) == 0) continue;
    const std::optional<std::string> value = Substitute(declaration.value, *vars);
    if (!value) continue;
    StyleSource source;
    if (candidate.level == 0) {
      source.line = 0;
    } else if (!candidate.entry) {
      source.line = declaration.line;
      source.column = declaration.column;
      source.selector = "style";
    } else {
      source.stylesheet = *candidate.entry->href;
      source.line = declaration.line;
      source.column = declaration.column;
      source.selector = candidate.entry->rule->selector_text;
    }
    for (auto& [slot, expanded] : Expand(declaration.property, *value)) {
      slots[slot] = SlotValue{expanded, source};
    }
  }

  const ComputedStyle& inherited = parent.style;
  ComputedStyle& style = state.style;
  const auto value_of = [&](Slot slot) -> std::string {
    return slots[slot] ? slots[slot]->value : "";
  };

  // Font size first: em lengths of this element depend on it.
  const std::string font_size = value_of(kFontSize);
  style.font_size = inherited.font_size;
  style.font_size_known = inherited.font_size_known;
  if (!font_size.empty() && font_size != "inherit" && font_size != "unset") {
    static const std::map<std::string, double> kKeywords = {
        {"xx-small", 9}, {"x-small", 10},  {"small", 13},     {"medium", 16}, {"large", 18},
        {"x-large", 24}, {"xx-large", 32}, {"xxx-large", 48}, {"initial", 16}};
    if (const auto keyword = kKeywords.find(font_size); keyword != kKeywords.end()) {
      style.font_size = keyword->second;
      style.font_size_known = true;
    } else if (font_size == "smaller") {
      style.font_size = inherited.font_size / 1.2;
    } else if (font_size == "larger") {
      style.font_size = inherited.font_size * 1.2;
    } else {
      LengthContext context;
      context.em = inherited.font_size;
      context.rem = root ? 16 : root_font_size;
      context.percent_of = inherited.font_size;
      context.viewport_width = viewport_width;
      const std::optional<double> size = ResolveLength(font_size, context);
      if (size) {
        style.font_size = *size;
        style.font_size_known =
            inherited.font_size_known && font_size.find("v") == std::string::npos;
      } else {
        style.font_size_known = false;
      }
    }
  }
  if (root) root_font_size = style.font_size;

  const std::string weight = value_of(kFontWeight);
  style.font_weight = weight.empty() || weight == "inherit" || weight == "unset"
                          ? inherited.font_weight
                      : weight == "initial" ? 400
                                            : ParseWeight(weight, inherited.font_weight);

  const std::string color = value_of(kColor);
  if (color.empty() || color == "inherit" || color == "unset" || color == "currentcolor") {
    style.color = inherited.color;
    style.color_source = inherited.color_source;
  } else {
    style.color = color == "initial" ? std::optional<Rgba>(Rgba{}) : ParseColor(color);
    style.color_source = slots[kColor]->source;
  }

  const std::string background = value_of(kBackgroundColor);
  if (background == "inherit") {
    style.background = inherited.background;
    style.background_source = inherited.background_source;
  } else if (background.empty() || background == "initial" || background == "unset" ||
             background == "revert") {
    style.background = Rgba{0, 0, 0, 0};
  } else if (background == "currentcolor") {
    style.background = style.color;
    style.background_source = slots[kBackgroundColor]->source;
  } else {
    style.background = ParseColor(background);
    style.background_source = slots[kBackgroundColor]->source;
  }
  const std::string image = value_of(kBackgroundImage);
  style.background_image = image == "inherit"
                               ? inherited.background_image
                               : (!image.empty() && IsImage(image)) || image == "image";

  const std::string opacity = value_of(kOpacity);
  if (!opacity.empty() && !IsWideKeyword(opacity)) {
    try {
      double value = std::stod(opacity);
      if (opacity.back() == '%') value /= 100;
      style.opacity = std::clamp(value, 0.0, 1.0);
    } catch (...) {
    }
  }

  LengthContext lengths;
  lengths.em = style.font_size;
  lengths.rem = root_font_size;
  lengths.viewport_width = viewport_width;
  const auto length = [&](Slot slot) { return ResolveLength(value_of(slot), lengths); };

  const std::string letter_spacing = value_of(kLetterSpacing);
  if (letter_spacing.empty() || letter_spacing == "inherit" || letter_spacing == "unset") {
    // letter-spacing inherits as a length: an em value is the parent's.
    style.letter_spacing = inherited.letter_spacing;
  } else if (letter_spacing == "normal" || letter_spacing == "initial") {
    style.letter_spacing = 0;
  } else {
    style.letter_spacing = length(kLetterSpacing).value_or(0);
  }

  // A width in viewport units follows the window: it sets no column width.
  const auto fixed = [&](Slot slot) {
    const std::string value = value_of(slot);
    return value.find("vw") == std::string::npos && value.find("vh") == std::string::npos &&
           value.find("vmin") == std::string::npos && value.find("vmax") == std::string::npos;
  };
  if (const auto max_width = length(kMaxWidth); max_width && fixed(kMaxWidth)) {
    style.max_width = *max_width;
    style.max_width_source = slots[kMaxWidth]->source;
    style.max_width_value = slots[kMaxWidth]->value;
  }
  if (const auto width = length(kWidth); width && fixed(kWidth)) {
    style.width = *width;
    style.width_source = slots[kWidth]->source;
  }
  style.padding_x = length(kPaddingLeft).value_or(0) + length(kPaddingRight).value_or(0);
  style.margin_x = std::max(0.0, length(kMarginLeft).value_or(0)) +
                   std::max(0.0, length(kMarginRight).value_or(0));
  style.border_box = value_of(kBoxSizing) == "border-box";

  // Shown? display:none and visibility:hidden, and the ways to move text out of sight
  // that skip links and "visually hidden" labels use.
  const std::string position = value_of(kPosition);
  const bool positioned = position == "absolute" || position == "fixed";
  const std::optional<double> width = length(kWidth);
  const std::optional<double> height = length(kHeight);
  const std::string overflow = value_of(kOverflow);
  const bool clipped_box =
      IsTiny(width) && IsTiny(height) && (overflow == "hidden" || overflow == "clip");
  const std::string clip = value_of(kClip);
  const std::string clip_path = value_of(kClipPath);
  bool clip_hidden = false;
  if (clip.rfind("rect(", 0) == 0) {
    std::string inside = clip.substr(5, clip.find(')') - 5);
    std::replace(inside.begin(), inside.end(), ',', ' ');
    const std::vector<std::string> edges = SplitTopLevel(inside, ' ');
    clip_hidden =
        edges.size() == 4 && ResolveLength(edges[0], lengths) && ResolveLength(edges[1], lengths) &&
        ResolveLength(edges[2], lengths) && ResolveLength(edges[3], lengths) &&
        std::abs(*ResolveLength(edges[1], lengths) - *ResolveLength(edges[3], lengths)) <= 1.5 &&
        std::abs(*ResolveLength(edges[2], lengths) - *ResolveLength(edges[0], lengths)) <= 1.5;
  }
  if (clip_path.rfind("inset(50%", 0) == 0 || clip_path.rfind("circle(0", 0) == 0) {
    clip_hidden = true;
  }
  const auto far_off = [&](Slot slot) {
    const auto offset = length(slot);
    return offset && *offset <= -999;
  };
  const bool offscreen = positioned && (far_off(kLeft) || far_off(kRight) || far_off(kTop));
  const auto indent = length(kTextIndent);
  const bool visually_hidden =
      (positioned && (IsTiny(width) || IsTiny(height) || clip_hidden || offscreen)) ||
      clipped_box || clip_path.rfind("inset(50%", 0) == 0 || (indent && *indent <= -999) ||
      style.font_size <= 0 || style.opacity <= 0;
  // visibility inherits and a child may undo it; display:none and moving out of sight
  // take the whole subtree.
  const std::string visibility = value_of(kVisibility);
  state.removed = parent.removed || value_of(kDisplay) == "none" || visually_hidden;
  state.invisible = visibility == "hidden" || visibility == "collapse"   ? true
                    : visibility == "visible" || visibility == "initial" ? false
                                                                         : parent.invisible;
  style.rendered = !state.removed && !state.invisible;
  style.display = value_of(kDisplay);
  style.floated = value_of(kFloat) == "left" || value_of(kFloat) == "right" ||
                  value_of(kFloat) == "inline-start" || value_of(kFloat) == "inline-end";
  return state;
}

CascadeState InitialState() {
  CascadeState initial;
  initial.style.color = Rgba{0, 0, 0, 1};
  initial.style.background = Rgba{0, 0, 0, 0};
  initial.variables = std::make_shared<Variables>();
  return initial;
}

// What an element's state is computed from, unless it has a style attribute.
struct StateKey {
  const CascadeState* parent;  // the parent's state
  int matched;                 // the list of entries it matches
  bool root;                   // whether it is <html>, which sets the page's rem
  double root_font_size;       // the page's rem so far

  bool operator==(const StateKey&) const = default;
};

struct StateKeyHash {
  size_t operator()(const StateKey& key) const {
    return std::hash<const void*>{}(key.parent) ^ (std::hash<int>{}(key.matched) << 1) ^
           std::hash<double>{}(key.root_font_size) ^ static_cast<size_t>(key.root);
  }
};

// What one lease of the memo has computed for one set of rules. Ids are indexes: of match
// keys and of lists into `lists`; states are in `states` (the first is the document's).
struct RulesMemo {
  RulesMemo() { states.push_back(InitialState()); }

  // The id of a list of matched entries.
  int Intern(std::vector<int> matched) {
    std::string bytes(reinterpret_cast<const char*>(matched.data()), matched.size() * sizeof(int));
    const auto [found, added] = list_ids.try_emplace(std::move(bytes), lists.size());
    if (added) lists.push_back(std::move(matched));
    return found->second;
  }

  struct Matching {
    int key;   // the match key's id, which the keys of the element's children start with
    int list;  // the list of entries it matches
  };
  std::unordered_map<std::string, Matching> match_keys;  // parent's key, tag, tests passed
  std::unordered_map<std::string, int> list_ids;         // the entries' bytes
  std::vector<std::vector<int>> lists;
  std::unordered_map<StateKey, const CascadeState*, StateKeyHash> state_ids;
  std::deque<CascadeState> states;  // a deque: states and resolvers point into it
};

}  // namespace

// What one lease has computed, for the last few sets of rules it saw.
class CascadeMemo {
 public:
  // The memo of a set of rules, started over when it has grown past its bound (the 10,000
  // pages of the benchmark site have under 200 distinct keys; the bound is for sites unlike
  // it).
  RulesMemo& For(const std::shared_ptr<const CascadeRules>& rules) {
    constexpr size_t kMaxStates = 200'000;
    constexpr size_t kMaxRuleSets = 8;
    auto found = std::find_if(memos_.begin(), memos_.end(),
                              [&](const auto& memo) { return memo.first == rules; });
    if (found == memos_.end()) {
      if (memos_.size() >= kMaxRuleSets) memos_.erase(memos_.begin());
      memos_.emplace_back(rules, std::make_unique<RulesMemo>());
      found = memos_.end() - 1;
    } else if (found->second->states.size() + found->second->match_keys.size() > kMaxStates) {
      found->second = std::make_unique<RulesMemo>();
    }
    return *found->second;
  }

 private:
  // The rules are held, so that no other set of rules takes their address.
  std::vector<std::pair<std::shared_ptr<const CascadeRules>, std::unique_ptr<RulesMemo>>> memos_;
};

CascadeCache::CascadeCache() = default;
CascadeCache::~CascadeCache() = default;

std::shared_ptr<const CascadeRules> CascadeCache::RulesFor(
    const std::vector<PageStylesheet>& sheets, double viewport_width) {
  const std::vector<const PageStylesheet*> applying = Applying(sheets, viewport_width);
  // Sheets are told apart by their parsed text (the StylesheetCache gives one text one
  // object) and the href that findings name.
  std::string identity = std::to_string(viewport_width);
  for (const PageStylesheet* sheet : applying) {
    identity +=
        '\0' + std::to_string(reinterpret_cast<uintptr_t>(sheet->parsed.get())) + ' ' + sheet->href;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto found = rules_.find(identity); found != rules_.end()) return found->second;
  // Sites use a few sets of stylesheets; past this many, the cache starts again.
  constexpr size_t kMaxRuleSets = 64;
  if (rules_.size() >= kMaxRuleSets) rules_.clear();
  // Built under the lock: the pages that wait need the same rules.
  auto rules = std::make_shared<const CascadeRules>(applying, viewport_width);
  rules_.emplace(std::move(identity), rules);
  return rules;
}

std::unique_ptr<CascadeMemo> CascadeCache::Lease() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.empty()) return std::make_unique<CascadeMemo>();
  std::unique_ptr<CascadeMemo> memo = std::move(idle_.back());
  idle_.pop_back();
  return memo;
}

void CascadeCache::Return(std::unique_ptr<CascadeMemo> memo) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(memo));
}

StyleResolver::StyleResolver(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
                             double viewport_width, CascadeCache* cache)
    : page_(page),
      cache_(cache),
      memo_(cache ? cache->Lease() : std::make_unique<CascadeMemo>()),
      states_(page.nodes().size()) {
  const std::shared_ptr<const CascadeRules> rules =
      cache
          ? cache->RulesFor(sheets, viewport_width)
          : std::make_shared<const CascadeRules>(Applying(sheets, viewport_width), viewport_width);
  RulesMemo& memo = memo_->For(rules);
  const bool keyed = cache && rules->tests().keyable();
  std::vector<int> key_of(page.nodes().size(), -1);  // by element, a match key's id
  std::string key;
  states_[0] = &memo.states.front();

  for (size_t id = 1; id < page.nodes().size(); ++id) {
    const int element = static_cast<int>(id);
    const HtmlNode& node = page.node(element);
    const int parent = node.parent < 0 ? 0 : node.parent;
    if (!node.is_element()) {
      states_[id] = states_[parent];
      continue;
    }

    int list;
    if (keyed) {
      // Same key, same matches: the key holds the parent's, which holds its parent's…
      key.assign(reinterpret_cast<const char*>(&key_of[parent]), sizeof(int));
      rules->tests().AppendKey(page, element, key);
      const auto [found, added] = memo.match_keys.try_emplace(
          key, RulesMemo::Matching{static_cast<int>(memo.match_keys.size()), -1});
      if (added) found->second.list = memo.Intern(rules->Match(page, element));
      key_of[id] = found->second.key;
      list = found->second.list;
    } else {
      list = memo.Intern(rules->Match(page, element));
    }

    const bool root = element == page.html();
    const std::string* style = node.Find("style");
    // A style attribute is the element's own (with its page position): not memoised.
    const CascadeState** memoised = nullptr;
    if (cache && !style) {
      const auto [found, added] = memo.state_ids.try_emplace(
          StateKey{states_[parent], list, root, root_font_size_}, nullptr);
      if (added) {
        memoised = &found->second;
      } else {
        states_[id] = found->second;
      }
    }
    if (!states_[id]) {
      std::vector<CssDeclaration> inline_declarations;
      if (style) {
        const auto [line, column] = page.AttributePosition(element, "style");
        inline_declarations = ParseDeclarations(*style, line, column);
      }
      memo.states.push_back(ComputeState(*states_[parent],
                                         rules->Candidates(memo.lists[list], inline_declarations),
                                         root, root_font_size_, viewport_width));
      states_[id] = &memo.states.back();
      if (memoised) *memoised = states_[id];
    }
    if (root) root_font_size_ = states_[id]->style.font_size;
  }
}

StyleResolver::~StyleResolver() {
  if (cache_) cache_->Return(std::move(memo_));
}

int StyleResolver::ElementOf(int node) const {
  int at = node;
  while (at > 0 && !page_.node(at).is_element()) at = page_.node(at).parent;
  return at < 0 ? 0 : at;
}

const ComputedStyle& StyleResolver::Style(int node) const {
  return states_[ElementOf(node)]->style;
}

std::optional<Rgba> StyleResolver::BackgroundBehind(int node, StyleSource* source) const {
  std::vector<Rgba> layers;  // nearest first
  bool named = false;
  for (int at = ElementOf(node); at > 0; at = page_.node(at).parent) {
    const ComputedStyle& style = states_[at]->style;
    if (style.background_image || !style.background) return std::nullopt;
    if (style.background->a <= 0) continue;
    if (source && !named) {
      *source = style.background_source;
      named = true;
    }
    layers.push_back(*style.background);
    if (style.background->a >= 1) break;
  }
  Rgba result{255, 255, 255, 1};  // the canvas
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) result = Blend(*it, result);
  if (source && !named) *source = StyleSource{};
  return result;
}

double StyleResolver::EffectiveOpacity(int node) const {
  double opacity = 1;
  for (int at = ElementOf(node); at > 0; at = page_.node(at).parent)
    opacity *= states_[at]->style.opacity;
  return opacity;
}

bool StyleResolver::IsLargeText(int node) const {
  const ComputedStyle& style = Style(node);
  return style.font_size >= 24 - 1e-6 || (style.font_size >= 18.66 && style.font_weight >= 700);
}

}  // namespace kiosk::check
