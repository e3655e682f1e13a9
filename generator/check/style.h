// StyleResolver: the cascade of a page's stylesheets over its elements, for the contrast and
// layout checks. It computes what those checks need (text colour, background, font size and
// weight, whether the element is shown, its width limits), each with the rule it came from.
//
// It reads the page as a desktop screen (media queries at a 1280 px wide viewport, :hover
// and ::before never match) and reports what it cannot know (a background image, an unknown
// colour) rather than guessing.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/css.h"

namespace kiosk::check {

class HtmlDocument;

// Where a computed value came from, so that a message can name the rule to change.
struct StyleSource {
  std::string stylesheet;  // href of a linked stylesheet; empty for the page itself
  int line = 0;            // 0: the browser's default
  int column = 0;
  std::string selector;  // the rule's selector; "style" for a style attribute

  bool from_browser() const { return line == 0; }
};

struct ComputedStyle {
  std::optional<Rgba> color;  // nullopt when it cannot be worked out
  StyleSource color_source;
  std::optional<Rgba> background;  // the element's own background-color
  StyleSource background_source;
  bool background_image = false;  // the element has a background image or gradient
  double font_size = 16;          // px
  bool font_size_known = true;    // false when it depends on something unknown (vw, vars…)
  int font_weight = 400;
  double opacity = 1;         // the element's own
  double letter_spacing = 0;  // px, inherited
  bool rendered = true;       // false when hidden by CSS or moved out of sight (skip links)
  std::string display;        // as declared ("block", "grid"…); empty when not set
  bool floated = false;
  std::optional<double> max_width;  // px, from max-width in units that resolve
  StyleSource max_width_source;
  std::string max_width_value;  // as written, for messages
  std::optional<double> width;  // px, from width
  StyleSource width_source;
  double padding_x = 0;  // left + right padding in px, when they resolve
  double margin_x = 0;   // left + right margins in px ("auto" counts as 0)
  bool border_box = false;
};

class CascadeRules;  // style.cpp: a set of stylesheets' selectors, indexed
class CascadeMemo;   // style.cpp: computed styles, by what they are computed from
struct CascadeState;

// The cascade's memo, shared by the pages of a site: nearly every page uses the same
// stylesheets and the same theme markup, so the selectors of each set of stylesheets are
// indexed once, and the style of an element is computed once per distinct (parent's style,
// matched rules). Safe to share between threads: each resolver leases a memo of its own for
// its page, so that no element waits for a lock.
class CascadeCache {
 public:
  CascadeCache();
  ~CascadeCache();
  CascadeCache(const CascadeCache&) = delete;
  CascadeCache& operator=(const CascadeCache&) = delete;

 private:
  friend class StyleResolver;

  // The indexed rules of a page's stylesheets, shared by the pages that use the same ones.
  std::shared_ptr<const CascadeRules> RulesFor(const std::vector<PageStylesheet>& sheets,
                                               double viewport_width);
  std::unique_ptr<CascadeMemo> Lease();
  void Return(std::unique_ptr<CascadeMemo> memo);

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CascadeRules>> rules_;
  std::vector<std::unique_ptr<CascadeMemo>> idle_;  // memos no resolver holds now
};

class StyleResolver {
 public:
  // `sheets` in the order the page uses them; those whose media do not apply to a screen
  // are left out. Everything is computed here; the page must outlive the resolver, the
  // stylesheets need not. With a cache, styles that earlier elements (of this page or
  // others) had are reused, and the cache must outlive the resolver.
  StyleResolver(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
                double viewport_width = 1280, CascadeCache* cache = nullptr);
  ~StyleResolver();
  StyleResolver(const StyleResolver&) = delete;
  StyleResolver& operator=(const StyleResolver&) = delete;

  // The style of an element (a text node has its parent's).
  const ComputedStyle& Style(int node) const;
  // The colour behind an element's text: the backgrounds of it and its ancestors painted
  // over the white canvas. nullopt when an image or an unknown colour is behind it.
  std::optional<Rgba> BackgroundBehind(int node, StyleSource* source = nullptr) const;
  // The product of the opacities of the node and its ancestors.
  double EffectiveOpacity(int node) const;
  // WCAG's large text: at least 24 px, or 18.66 px and bold.
  bool IsLargeText(int node) const;
  double root_font_size() const { return root_font_size_; }

 private:
  int ElementOf(int node) const;

  const HtmlDocument& page_;
  CascadeCache* cache_;  // nullptr: each element's style is computed on its own
  // Holds the states: leased from cache_ while the resolver lives, or the resolver's own.
  std::unique_ptr<CascadeMemo> memo_;
  std::vector<const CascadeState*> states_;  // by node, into memo_
  double root_font_size_ = 16;
};

}  // namespace kiosk::check
