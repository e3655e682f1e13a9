#include "site/site.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "base/text.h"
#include "fs/file_system.h"

namespace kiosk {

const Date* Page::last_updated() const {
  if (const Date* when = updated()) return when;
  return date();
}

const std::string& Page::type() const {
  static const std::string kNone;
  return source ? source->type : kNone;
}

int Site::section(const std::string& language, const std::string& folder) const {
  const auto it = sections_.find({language, folder});
  return it == sections_.end() ? -1 : it->second;
}

int Site::department(const std::string& language, const std::string& id) const {
  const auto it = departments_.find({language, id});
  return it == departments_.end() ? -1 : it->second;
}

std::string Site::Url(const Page& page) const {
  return config_->base_path + EncodeUrlPath(page.path);
}

std::string Site::Permalink(std::string_view path) const {
  return config_->base_url + EncodeUrlPath(path);
}

std::string Site::QrPath(const Page& page) const {
  return page.short_code.empty() ? page.path : "s/" + page.short_code + "/";
}

std::vector<int> Site::Latest(const std::string& language, int count) const {
  std::vector<int> dated;
  std::vector<int> news;
  for (int i = 0; i < static_cast<int>(pages_.size()); ++i) {
    const Page& page = pages_[i];
    if (page.kind == PageKind::kPage && page.language == language && page.date() &&
        !page.section.empty()) {
      dated.push_back(i);
      if (page.type() == "news") news.push_back(i);
    }
  }
  if (!news.empty()) dated = std::move(news);
  // Newest first; the same day in URL order. Only the first `count` are sorted: the feeds
  // and the home page ask for a few of thousands.
  const auto newer = [&](int a, int b) {
    const std::string& date_a = pages_[a].source->date->iso;
    const std::string& date_b = pages_[b].source->date->iso;
    return date_a != date_b ? date_a > date_b : pages_[a].path < pages_[b].path;
  };
  const size_t kept = std::min(dated.size(), static_cast<size_t>(std::max(count, 0)));
  std::partial_sort(dated.begin(), dated.begin() + kept, dated.end(), newer);
  dated.resize(kept);
  return dated;
}

bool Site::HasNewsFeed(const std::string& language) const {
  return news_feeds_.count(language) > 0;
}

std::vector<std::pair<int, std::string>> Site::MissingTranslations() const {
  std::vector<std::pair<int, std::string>> missing;
  for (int i = 0; i < static_cast<int>(pages_.size()); ++i) {
    if (pages_[i].kind != PageKind::kPage) continue;
    for (const Language& language : config_->languages) {
      if (!pages_[i].translations.count(language.code)) missing.emplace_back(i, language.code);
    }
  }
  return missing;
}

int Site::AddUnlistedPage(Page page) {
  const int index = static_cast<int>(pages_.size());
  page.parent = home(page.language);
  page.translations[page.language] = index;
  pages_.push_back(std::move(page));
  return index;
}

namespace {

std::string LanguagePrefix(const SiteConfig& config, const std::string& language) {
  return config.FindLanguage(language)->folder();
}

}  // namespace

std::string SectionPath(const SiteConfig& config, const std::string& language,
                        const std::string& folder) {
  return LanguagePrefix(config, language) + (folder.empty() ? "" : folder + "/");
}

std::string SourcePagePath(const SiteConfig& config, const SourcePage& source) {
  const ContentFile& origin = source.origin;
  if (origin.is_index) return SectionPath(config, origin.language, origin.section);
  return LanguagePrefix(config, origin.language) + JoinPath(origin.section, source.slug) + "/";
}

std::string PageOrigin(const Page& page, const std::string& content_dir) {
  if (page.source) return page.source->origin.file;
  switch (page.kind) {
    case PageKind::kDepartments:
    case PageKind::kDepartment:
      return "the department pages kiosk writes from site.yaml";
    case PageKind::kRedirect:
      return (StartsWith(page.path, "s/") ? "the short link /" : "the redirect /") + page.path;
    case PageKind::kEnded:
      return "the retired address /" + page.path;
    case PageKind::kSiteMap:
    case PageKind::kNotFound:
    case PageKind::kSearch:
      return "the " + page.title + " page kiosk writes";
    case PageKind::kHome:
    case PageKind::kSection:
    case PageKind::kPage:
      break;
  }
  return "the section folder " + JoinPath(content_dir, page.section);
}

std::string GeneratedShortCode(std::string_view language, std::string_view translation_key,
                               int attempt) {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  const std::string identity =
      std::string(language) + "\n" + std::string(translation_key) + "\n" + std::to_string(attempt);
  for (char c : identity) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::string code;
  for (int i = 0; i < 5; ++i, hash >>= 5) code += kAlphabet[hash & 31];
  return code;
}

Page RedirectPage(std::string path, std::string language, const Page& target, int target_index) {
  Page redirect;
  redirect.kind = PageKind::kRedirect;
  redirect.language = std::move(language);
  redirect.title = target.title;
  redirect.output_file = EndsWith(path, "/") ? path + "index.html" : path;
  redirect.translation_key = "redirect:" + path;
  redirect.path = std::move(path);
  redirect.target = target_index;
  redirect.translations = target.translations;  // for its language switcher
  return redirect;
}

namespace {

// Every folder from the top down to `folder`: "a/b" -> {"", "a", "a/b"}.
std::vector<std::string> FolderChain(const std::string& folder) {
  std::vector<std::string> chain{""};
  for (size_t slash = 0; slash != std::string::npos && !folder.empty();) {
    slash = folder.find('/', slash + 1);
    chain.push_back(folder.substr(0, slash));
  }
  return chain;
}

// Listing order: by weight (pages without one after those with one), then newest first,
// then by title, then by URL so that the order never depends on the file system. What the
// comparisons need of every page is gathered first, side by side, with the first bytes of
// its date and title: sorting thousands of pages through their sources and strings, each
// far from the last in memory, was a large part of assembling a site of 50,000 pages.
class ListingOrder {
 public:
  explicit ListingOrder(const std::vector<Page>& pages) : pages_(pages) {
    keys_.reserve(pages.size());
    for (const Page& page : pages) {
      const std::string_view iso = page.date() ? std::string_view(page.date()->iso) : "";
      keys_.push_back({{!page.weight().has_value(), page.weight().value_or(0)},
                       Prefix(iso),
                       iso,
                       Prefix(page.title)});
    }
  }

  ListingOrder(const ListingOrder&) = delete;  // std::sort copies its comparator: see below

  bool operator()(int a, int b) const {
    const Key& first = keys_[a];
    const Key& second = keys_[b];
    if (first.weight != second.weight) return first.weight < second.weight;
    if (first.iso_prefix != second.iso_prefix) return first.iso_prefix > second.iso_prefix;
    if (first.iso != second.iso) return first.iso > second.iso;
    if (first.title_prefix != second.title_prefix) return first.title_prefix < second.title_prefix;
    return std::tie(pages_[a].title, pages_[a].path) < std::tie(pages_[b].title, pages_[b].path);
  }

 private:
  // The first 16 bytes of a text as two numbers, padded with zeros, that order as the
  // bytes do; texts with equal prefixes are compared in full.
  using TextPrefix = std::array<uint64_t, 2>;
  static TextPrefix Prefix(std::string_view text) {
    TextPrefix prefix{};
    for (size_t i = 0; i < std::min<size_t>(text.size(), 16); ++i) {
      prefix[i / 8] |= uint64_t{static_cast<unsigned char>(text[i])} << (56 - 8 * (i % 8));
    }
    return prefix;
  }

  struct Key {
    std::pair<bool, long long> weight;  // (no weight, weight)
    TextPrefix iso_prefix;
    std::string_view iso;  // the date, "" for none
    TextPrefix title_prefix;
  };
  const std::vector<Page>& pages_;
  std::vector<Key> keys_;
};

// Short links: the codes authors chose, then generated ones if the site asks for them.
void AssignShortCodes(const SiteConfig& config, std::vector<Page>& pages,
                      Diagnostics& diagnostics) {
  std::map<std::string, int> owners;  // code -> page
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    Page& page = pages[i];
    if (!page.source || page.source->short_url.empty()) continue;
    const auto [it, inserted] = owners.emplace(page.source->short_url, i);
    if (!inserted) {
      diagnostics.error(page.source->short_url_where,
                        "the short_url '" + page.source->short_url + "' is also used by " +
                            pages[it->second].source->origin.file,
                        "give each page its own short_url");
      continue;
    }
    page.short_code = page.source->short_url;
  }
  if (config.qr.short_urls) {
    for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
      Page& page = pages[i];
      if (!page.short_code.empty() || page.kind == PageKind::kNotFound) continue;  // no QR code
      for (int attempt = 0; page.short_code.empty(); ++attempt) {
        const std::string code = GeneratedShortCode(page.language, page.translation_key, attempt);
        if (owners.emplace(code, i).second) page.short_code = code;
      }
    }
  }
  for (const auto& [code, index] : owners) {
    pages.push_back(RedirectPage("s/" + code + "/", pages[index].language, pages[index], index));
  }
}

// The page of (language, name) in `pages`, remembering the last one found: pages come by
// path, so thousands in a row ask for the same section or department.
class LastPageLookup {
 public:
  explicit LastPageLookup(const std::map<std::pair<std::string, std::string>, int>& pages)
      : pages_(pages) {}
  int operator()(const std::string& language, const std::string& name) {
    if (found_ < 0 || key_.first != language || key_.second != name) {
      key_ = {language, name};
      found_ = pages_.at(key_);
    }
    return found_;
  }

 private:
  const std::map<std::pair<std::string, std::string>, int>& pages_;
  std::pair<std::string, std::string> key_;
  int found_ = -1;
};

}  // namespace

Site AssembleSite(const SiteConfig& config, const std::vector<const SourcePage*>& sources,
                  const std::string& content_dir,
                  const std::function<std::string(const std::string&, const std::string&)>& label,
                  Diagnostics& diagnostics) {
  Site site;
  site.config_ = &config;
  std::vector<Page>& pages = site.pages_;
  // Sections, departments and generated pages are a few dozen; room for them up front saves
  // moving thousands of pages as the vector grows.
  pages.reserve(sources.size() + 64 * config.languages.size() +
                (config.departments.size() + 1) * config.languages.size());

  // Index pages: home and every folder holding content, in every language.
  std::set<std::string> folders{""};
  std::map<std::pair<std::string, std::string>, const SourcePage*> index_sources;
  const std::string* last_section = nullptr;  // sources come by path: sections in runs
  for (const SourcePage* source : sources) {
    if (!last_section || *last_section != source->origin.section) {
      for (const std::string& folder : FolderChain(source->origin.section)) folders.insert(folder);
      last_section = &source->origin.section;
    }
    if (source->origin.is_index) {
      index_sources[{source->origin.language, source->origin.section}] = source;
    }
  }
  for (const Language& language : config.languages) {
    for (const std::string& folder : folders) {
      Page page;
      page.kind = folder.empty() ? PageKind::kHome : PageKind::kSection;
      page.language = language.code;
      page.section = folder;
      page.path = SectionPath(config, language.code, folder);
      page.output_file = page.path + "index.html";
      page.translation_key = "section:" + folder;
      const auto found = index_sources.find({language.code, folder});
      if (found != index_sources.end()) {
        page.source = found->second;
        page.title = found->second->title;
      } else if (folder.empty()) {
        page.title = language.title;
      } else {
        page.title = FileName(folder);
        diagnostics.warning(
            {JoinPath(JoinPath(content_dir, folder), "_index." + language.code + ".md"), 0, 0},
            "the section '" + folder + "' has no title in " + language.code +
                ", so its folder name is shown",
            "create this file with a 'title:' in front matter");
      }
      site.sections_[{language.code, folder}] = static_cast<int>(pages.size());
      pages.push_back(std::move(page));
    }
  }

  // Content pages.
  for (const SourcePage* source : sources) {
    if (source->origin.is_index) continue;
    Page page;
    page.kind = PageKind::kPage;
    page.language = source->origin.language;
    page.section = source->origin.section;
    page.source = source;
    page.title = source->title;
    page.path = SourcePagePath(config, *source);
    page.output_file = page.path + "index.html";
    page.translation_key = source->translation_key;
    pages.push_back(std::move(page));
  }

  // Department pages, from site.yaml: an index and a page per department, per language.
  if (!config.departments.empty()) {
    for (const Language& language : config.languages) {
      const std::string prefix = LanguagePrefix(config, language.code) + "departments/";
      Page index;
      index.kind = PageKind::kDepartments;
      index.language = language.code;
      index.title = label(language.code, "departments");
      index.path = prefix;
      index.output_file = prefix + "index.html";
      index.translation_key = "departments";
      const int index_position = static_cast<int>(pages.size());
      pages.push_back(std::move(index));
      for (const Department& department : config.departments) {
        Page page;
        page.kind = PageKind::kDepartment;
        page.language = language.code;
        page.department = department.id;
        page.title = department.name.Get(language.code);
        page.path = prefix + department.id + "/";
        page.output_file = page.path + "index.html";
        page.translation_key = "department:" + department.id;
        page.parent = index_position;
        pages[index_position].subsections.push_back(static_cast<int>(pages.size()));
        pages.push_back(std::move(page));
      }
    }
  }

  // The site map, the 404 page and the search page of every language.
  struct Generated {
    PageKind kind;
    const char* key;   // its translation key, and the interface string of its title
    const char* path;  // below the language's folder
  };
  static constexpr Generated kGenerated[] = {{PageKind::kSiteMap, "sitemap", "sitemap/"},
                                             {PageKind::kNotFound, "not_found", "404.html"},
                                             {PageKind::kSearch, "search", "search/"}};
  for (const Language& language : config.languages) {
    for (const Generated& generated : kGenerated) {
      Page page;
      page.kind = generated.kind;
      page.language = language.code;
      page.title = label(language.code, generated.key);
      page.path = language.folder() + generated.path;
      page.output_file = EndsWith(page.path, "/") ? page.path + "index.html" : page.path;
      page.translation_key = generated.key;
      page.parent = site.sections_.at({language.code, ""});
      pages.push_back(std::move(page));
    }
  }

  AssignShortCodes(config, pages, diagnostics);

  // No two pages may claim one URL (a slug equal to a folder's name, or two files with the
  // same slug).
  std::unordered_map<std::string_view, int> by_output;
  by_output.reserve(pages.size());
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    const auto [it, inserted] = by_output.emplace(pages[i].output_file, i);
    if (inserted) continue;
    // Blame the page that set a slug, as that is the one that claimed another's URL.
    const bool swap = pages[it->second].source && pages[it->second].source->slug_where.line &&
                      !(pages[i].source && pages[i].source->slug_where.line);
    const Page& first = pages[swap ? i : it->second];
    const Page& second = pages[swap ? it->second : i];
    const auto where = [&](const Page& page) { return PageOrigin(page, content_dir); };
    const SourceLocation location =
        second.source
            ? (second.source->slug_where.line ? second.source->slug_where
                                              : SourceLocation{second.source->origin.file, 1, 1})
            : SourceLocation{where(second), 0, 0};
    diagnostics.error(location, "the URL /" + second.path + " is also the URL of " + where(first),
                      "give one of the two pages another file name or 'slug:'");
  }

  // Translations: pages of different languages sharing a translation key.
  struct TranslationGroup {
    std::map<std::string, int> pages;  // language code -> page
    int sharing = 0;                   // pages with the key still to be given the group
  };
  std::unordered_map<std::string_view, TranslationGroup> groups;
  groups.reserve(pages.size());
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    Page& page = pages[i];
    TranslationGroup& group = groups[page.translation_key];
    ++group.sharing;
    const auto [it, inserted] = group.pages.emplace(page.language, i);
    if (!inserted && page.kind == PageKind::kPage && pages[it->second].source) {
      const SourceLocation where = page.source->translation_key_where.line
                                       ? page.source->translation_key_where
                                       : SourceLocation{page.source->origin.file, 1, 1};
      diagnostics.error(where,
                        "this page and " + pages[it->second].source->origin.file +
                            " are both the " + page.language + " version of one page",
                        "give one of them another translationKey");
    }
  }
  // The last page of a group takes the group itself, the others a copy.
  for (Page& page : pages) {
    TranslationGroup& group = groups.at(page.translation_key);
    if (--group.sharing == 0) {
      page.translations = std::move(group.pages);
    } else {
      page.translations = group.pages;
    }
  }
  // A short link's language switcher leads to its target's translations.
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    if (pages[i].kind != PageKind::kRedirect) continue;
    pages[i].translations = pages[pages[i].target].translations;
    pages[i].translations[pages[i].language] = i;
  }

  // The section tree. Department pages hang below their index, which is a section of home;
  // a department page lists the department's pages.
  std::map<std::pair<std::string, std::string>, int>& department_pages = site.departments_;
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    if (pages[i].kind == PageKind::kDepartment) {
      department_pages[{pages[i].language, pages[i].department}] = i;
    } else if (pages[i].kind == PageKind::kDepartments) {
      pages[i].parent = site.sections_.at({pages[i].language, ""});
      pages[pages[i].parent].subsections.push_back(i);
    }
  }
  LastPageLookup department_page(department_pages);
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    const Page& page = pages[i];
    if (page.kind != PageKind::kPage || !page.source || page.source->department.empty()) continue;
    pages[department_page(page.language, page.source->department)].children.push_back(i);
  }
  LastPageLookup section_page(site.sections_);
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    Page& page = pages[i];
    if (page.kind == PageKind::kHome || page.kind == PageKind::kDepartments ||
        page.kind == PageKind::kDepartment || page.kind == PageKind::kRedirect ||
        page.kind == PageKind::kSiteMap || page.kind == PageKind::kNotFound ||
        page.kind == PageKind::kSearch) {
      continue;
    }
    page.parent = section_page(
        page.language, page.kind == PageKind::kSection ? ParentPath(page.section) : page.section);
    Page& parent = pages[page.parent];
    (page.kind == PageKind::kSection ? parent.subsections : parent.children).push_back(i);
  }
  const ListingOrder listing(pages);
  const auto order = std::cref(listing);  // sort copies a reference, not the keys
  for (Page& page : pages) {
    std::sort(page.children.begin(), page.children.end(), order);
    // Departments keep site.yaml's order, as /departments/ lists them.
    if (page.kind == PageKind::kDepartments) continue;
    std::sort(page.subsections.begin(), page.subsections.end(), order);
  }
  // Asked for by every page's fingerprint and context, and by the feeds.
  for (const Language& language : config.languages) {
    const std::vector<int> latest = site.Latest(language.code, 1);
    if (!latest.empty() && pages[latest.front()].type() == "news") {
      site.news_feeds_.insert(language.code);
    }
  }
  return site;
}

}  // namespace kiosk
