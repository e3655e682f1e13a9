// Site: every page to be written, in every language, with its URL, its place in the section
// tree and its translations. Built from the parsed source pages; checks that no two pages
// claim one URL and that translations pair up.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "config/site_config.h"
#include "content/source_page.h"

namespace kiosk {

// kDepartments is the index of the departments (課室), kDepartment one department's page;
// both are written by kiosk from site.yaml, not from content files. kRedirect sends the
// browser on to a page: a short link /s/<code>/, an alias, a retired address. kEnded stands
// at a retired address whose service has ended.
enum class PageKind {
  kHome,
  kSection,
  kPage,
  kDepartments,
  kDepartment,
  kRedirect,
  kSiteMap,   // 網站導覽: every section and page, and how to use the 導盲磚
  kNotFound,  // the 404 page of a language
  kSearch,    // the search page of a language
  kEnded,
};

struct Page {
  PageKind kind = PageKind::kPage;
  std::string language;  // a language code of site.yaml
  std::string section;   // content folder; for a section page, its own folder; "" for home
  const SourcePage* source = nullptr;  // nullptr for an index page without an _index file
  std::string title;
  std::string path;         // the URL path below base_url: "en/faq/id-card/"; "" for home
  std::string output_file;  // "en/faq/id-card/index.html"
  std::string translation_key;
  std::string department;                   // kDepartment: the department's id
  std::string short_code;                   // the page's short link is /s/<short_code>/
  int target = -1;                          // kRedirect: the page it leads to
  int parent = -1;                          // the section (or home) page listing this one
  std::vector<int> children;                // home and sections: their pages, in listing order
  std::vector<int> subsections;             // home and sections: the sections below, in menu order
  std::map<std::string, int> translations;  // language code -> page, this one included

  // The source's dates, or null: views, as listings and the site map read them per page.
  const Date* date() const { return source && source->date ? &*source->date : nullptr; }
  const Date* updated() const { return source && source->updated ? &*source->updated : nullptr; }
  // The date shown as "last updated": `updated`, else `date`.
  const Date* last_updated() const;
  std::optional<long long> weight() const { return source ? source->weight : std::nullopt; }
  const std::string& type() const;
};

class Site {
 public:
  const SiteConfig& config() const { return *config_; }
  const std::vector<Page>& pages() const { return pages_; }
  const Page& page(int index) const { return pages_[index]; }

  // The home page of a language.
  int home(const std::string& language) const { return sections_.at({language, ""}); }
  // The index page of a section in a language, or -1.
  int section(const std::string& language, const std::string& folder) const;

  // The page of a department in a language, or -1.
  int department(const std::string& language, const std::string& id) const;

  // Root-relative URL, percent-encoded: "/en/faq/id-card/".
  std::string Url(const Page& page) const;
  // Absolute URL: "https://www.example.gov.tw/en/faq/id-card/".
  std::string Permalink(const Page& page) const { return Permalink(page.path); }
  std::string Permalink(std::string_view path) const;  // of a page's path
  // What the page's QR code holds: its short link if it has one, else its permalink; and
  // that address's path below base_url ("s/id/", "faq/id-card/").
  std::string QrUrl(const Page& page) const { return Permalink(QrPath(page)); }
  std::string QrPath(const Page& page) const;

  // The newest pages of a language by date, for the home page: the news items if there
  // are any, else every dated page below a section (the pages at the top of content/ are
  // policies and statements, not news).
  std::vector<int> Latest(const std::string& language, int count) const;
  // Whether a language has news, and so a feed, which every page of it links to.
  bool HasNewsFeed(const std::string& language) const;

  // Pages without a translation into some language: (page, missing language).
  std::vector<std::pair<int, std::string>> MissingTranslations() const;

  // Adds a page kiosk writes at an address of its own once the site is assembled (a
  // redirect, a retired address's page): no listing shows it, it is its own translation in
  // its language (its others are the page's `translations`), and its breadcrumbs start at
  // its language's home. Returns its index.
  int AddUnlistedPage(Page page);

 private:
  friend Site AssembleSite(
      const SiteConfig&, const std::vector<const SourcePage*>&, const std::string&,
      const std::function<std::string(const std::string&, const std::string&)>&, Diagnostics&);
  const SiteConfig* config_ = nullptr;
  std::vector<Page> pages_;
  std::map<std::pair<std::string, std::string>, int> sections_;     // (language, folder) -> page
  std::map<std::pair<std::string, std::string>, int> departments_;  // (language, id) -> page
  std::set<std::string> news_feeds_;  // the languages with news, found once pages are placed
};

// The URL path of a section's index page below base_url: "en/faq/", "" for the home page.
std::string SectionPath(const SiteConfig& config, const std::string& language,
                        const std::string& folder);
// The URL path of a content file's page: its section's index page for an _index file.
std::string SourcePagePath(const SiteConfig& config, const SourcePage& source);

// What made a page, for messages: its content file, or which of kiosk's own pages it is.
// `content_dir` names the content folder.
std::string PageOrigin(const Page& page, const std::string& content_dir);

// The short code qr.short_urls gives a page that has none: 5 characters from a hash of its
// language and translation key, so that it stays the same across builds; `attempt` moves it
// on after a collision.
std::string GeneratedShortCode(std::string_view language, std::string_view translation_key,
                               int attempt);

// A page that sends the browser on to `target` (pages[target_index]), from `path`, in
// `language`: short links, aliases and retired addresses. Its language switcher leads to the
// target's translations.
Page RedirectPage(std::string path, std::string language, const Page& target, int target_index);

// Builds the site from its source pages (drafts already left out). `content_dir` names the
// content folder in messages; `label(language, key)` gives the titles of the pages kiosk
// writes itself ("departments", "sitemap", "not_found")
// in each language.
Site AssembleSite(const SiteConfig& config, const std::vector<const SourcePage*>& sources,
                  const std::string& content_dir,
                  const std::function<std::string(const std::string&, const std::string&)>& label,
                  Diagnostics& diagnostics);

}  // namespace kiosk
