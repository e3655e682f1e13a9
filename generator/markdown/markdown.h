// Markdown to HTML: CommonMark with GitHub's extensions (cmark-gfm), plus what a bilingual
// government site needs: stable heading ids, no stray spaces in Chinese text, and raw HTML
// shown as text unless the site allows it; data tables in pipe and block syntax (tables.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kiosk {

struct Heading {
  int level = 0;
  std::string id;    // unique within the document; stable across rebuilds
  std::string text;  // plain text, for tables of contents
  int line = 0;      // in the source file
};

// An image the Markdown shows, as written, for the build to find its file.
struct MarkdownImage {
  std::string url;
  int line = 0;
  int column = 0;
};

struct MarkdownOptions {
  bool unsafe_html = false;  // pass raw HTML through instead of escaping it (else: a warning)
  // Mark block elements, links and images with data-sourcepos="line:col-line:col" (lines of
  // the file), so that problems found in the page can be traced to the Markdown; see
  // StripSourcePositions.
  bool source_positions = false;
  // The site's path the author wrote root-relative links and images for ("/office/"), and
  // the one it is built for, which differs in a build for another address (kiosk build
  // --base-url "https://preview.example.gov.tw/pr-7/"): links below the first are moved
  // below the second ("/office/faq/" -> "/pr-7/faq/").
  std::string written_base_path = "/";
  std::string built_base_path = "/";
  // The URL path of the folder that holds the Markdown file ("/office/faq/"): an image with a
  // relative address is shown from there, where the file beside the Markdown is published,
  // not from the page's own address one folder deeper. Empty: addresses stay as written.
  std::string image_base;
};

// Removes the data-sourcepos attributes from HTML before it is written.
std::string StripSourcePositions(std::string_view html);

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
  std::vector<MarkdownImage> images;
};

// How deep lists, quotes, emphasis and links may be nested in one another: far deeper than
// any page goes, and shallow enough for every reader of the page (kiosk's checker, browsers,
// screen readers) to walk it.
inline constexpr int kMaxMarkdownNesting = 100;

// Renders `source`, which starts on line `first_line` of `file` (for messages).
// Heading ids come from the heading's text, or from a trailing `{#id}` written by the author;
// a paragraph or table cell ending in `{lang=en}` is marked as written in that language.
// Markdown nested deeper than kMaxMarkdownNesting is an error, and renders as nothing.
RenderedMarkdown RenderMarkdown(std::string_view source, const MarkdownOptions& options,
                                const std::string& file, int first_line, Diagnostics& diagnostics);

}  // namespace kiosk
