// A small CSS reader for the accessibility checks: stylesheets as rules with the line and
// column of every declaration, selector matching against an HtmlDocument, media queries,
// colours and WCAG contrast. It reads what themes write; it is not a browser.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kiosk::check {

class HtmlDocument;

struct CssDeclaration {
  std::string property;  // lower-case; custom properties (--brand) as written
  std::string value;     // trimmed, without "!important"
  bool important = false;
  int line = 0;  // where the property name is, in the stylesheet's file
  int column = 0;
};

// How deep a stylesheet may nest blocks (@media, @supports…) and, in selectors, :is(), :not()
// and :where(): each level is read by recursion, and `:is(` 20,000 deep in a <style>
// overflowed the stack. Far beyond what stylesheets write.
inline constexpr int kMaxCssNesting = 32;

// One complex selector, such as `nav.main-menu > ul a[aria-current]`.
class CssSelector {
 public:
  // Parses a selector; one that this reader does not support matches nothing.
  static CssSelector Parse(std::string_view text);

  const std::string& text() const;
  // Specificity as one number: ids * 1'000'000 + classes * 1'000 + types.
  int specificity() const;
  // False when the selector cannot match an element's own static text: dynamic states
  // (:hover, :focus, :visited), pseudo-elements (::before) and unsupported syntax.
  bool matchable() const;
  bool Matches(const HtmlDocument& page, int element) const;
  // True when it nests :is(), :not() or :where() deeper than kMaxCssNesting (it is then not
  // read past that depth, and matches nothing).
  bool too_deep() const;
  // What the rightmost element must have, for indexing: ('#', id), ('.', class), ('t', tag)
  // or ('*', "") when nothing narrower is known.
  std::pair<char, std::string> Key() const;

 private:
  friend class SelectorTests;
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// A hash for string maps looked up by string_view, without a copy (with std::equal_to<>).
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Every test that a set of selectors makes of an element on its own: its ids, classes,
// attributes and pseudo-classes. Two elements of one tag that pass the same tests, under
// parents that match alike, match the same selectors; so what matches an element can be
// worked out once for all elements with the same key (the cascade's memo in style.h). That
// fails when a selector looks at siblings (+, ~): such a set is not `keyable()`.
class SelectorTests {
 public:
  SelectorTests();
  ~SelectorTests();

  // Adds the tests of a selector, which must outlive this.
  void Add(const CssSelector& selector);
  bool keyable() const;
  // Appends the element's tag and the tests it passes to `key`. Only tests that can decide a
  // match on this tag are made: `li:last-child` is not evaluated on a <p>.
  void AppendKey(const HtmlDocument& page, int element, std::string& key) const;

 private:
  struct Table;
  std::unique_ptr<Table> table_;
};

struct CssRule {
  std::string selector_text;
  std::vector<CssSelector> selectors;  // the comma-separated list
  std::vector<CssDeclaration> declarations;
  std::string media;  // the enclosing @media conditions joined by " and "; empty when none
  int line = 0;
  int column = 0;
};

struct CssImport {
  std::string url;
  std::string media;  // the media query after the URL; empty means all
};

// A parsed stylesheet, with the positions of the text it was read from.
struct Stylesheet {
  std::vector<CssRule> rules;
  std::vector<CssImport> imports;  // in order
  // Where the stylesheet first nests deeper than kMaxCssNesting (the rest of that block or
  // selector is left unread); line 0 when it does not.
  int too_deep_line = 0;
  int too_deep_column = 0;
};

// A stylesheet as a page uses it. The parsed sheet is immutable and shared by all the pages
// that use the same text.
struct PageStylesheet {
  std::shared_ptr<const Stylesheet> parsed;
  std::string href;   // a linked file as the page names it; empty for <style> (the page's lines)
  std::string media;  // the media attribute of its <link> or <style>; empty means all
  bool alternate = false;  // <link rel="alternate stylesheet">
  int line = 0;            // where the page links or holds it
};

// Parses a stylesheet. `first_line` and `first_column` say where the text starts in its file,
// so that the CSS of a <style> element gets the page's line numbers.
Stylesheet ParseStylesheet(std::string_view css, int first_line = 1, int first_column = 1);

// Parsed stylesheets by their text and position, shared by the pages of a site (which link
// the same few files and often hold the same <style>), so that each is parsed once. Safe to
// use from several threads.
class StylesheetCache {
 public:
  std::shared_ptr<const Stylesheet> Parse(std::string_view css, int first_line = 1,
                                          int first_column = 1);

 private:
  std::mutex mutex_;
  std::unordered_map<uint64_t, std::shared_ptr<const Stylesheet>> parsed_;
};
// Parses the declarations of a style="" attribute that starts at line:column.
std::vector<CssDeclaration> ParseDeclarations(std::string_view block, int line = 1, int column = 1);

// Whether a media query list applies to a screen in its default mode (not print, not
// forced colours, not a dark scheme). With a viewport width in CSS pixels, width and height
// features are evaluated at that size; without one, any width matches.
bool MediaApplies(std::string_view media, std::optional<double> viewport_width = std::nullopt);

// An sRGB colour: channels 0–255, alpha 0–1.
struct Rgba {
  double r = 0;
  double g = 0;
  double b = 0;
  double a = 1;
};

// #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla(), named colours, transparent.
// nullopt for anything else (currentColor and var() are resolved by the caller).
std::optional<Rgba> ParseColor(std::string_view value);
// Paints `top` over `bottom` (source-over); the result is as opaque as `bottom`.
Rgba Blend(Rgba top, Rgba bottom);
// WCAG 2 relative luminance and contrast ratio (1 to 21) of opaque colours.
double RelativeLuminance(Rgba colour);
double ContrastRatio(Rgba foreground, Rgba background);
// "#1b1f24"; with alpha below 1, "rgba(27, 31, 36, 0.5)".
std::string ColorToString(Rgba colour);

// A length in CSS pixels: px, pt, pc, in, cm, mm, Q, em, rem, ex, ch, %, vw, vh, and
// calc()/min()/max()/clamp() of them. `em` and `percent_of` are in pixels; nullopt when the
// value is not a length or needs an unknown reference (a percentage without `percent_of`).
struct LengthContext {
  double em = 16;
  double rem = 16;
  std::optional<double> percent_of;
  double viewport_width = 1280;
  double viewport_height = 800;
};
std::optional<double> ResolveLength(std::string_view value, const LengthContext& context);
// True when a value has a length in an absolute unit (px, pt, pc, in, cm, mm, Q) outside of
// calc(), min(), max() and clamp(), which mix units on purpose.
bool HasAbsoluteLength(std::string_view value);

// Splits at top-level separators (outside parentheses, brackets and strings).
std::vector<std::string> SplitTopLevel(std::string_view text, char separator);
// The names in a class attribute as selectors read them: split at white space (outside
// parentheses, brackets and strings), duplicates kept. Views into `value`.
std::vector<std::string_view> ClassNames(std::string_view value);

}  // namespace kiosk::check
