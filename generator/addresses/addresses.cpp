#include "addresses/addresses.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "addresses/address.h"
#include "base/text.h"
#include "fs/file_system.h"

namespace kiosk {

namespace {

// An address's first part, "en" of "/en/faq/parks/"; "" for "/" and "/index.html".
std::string_view FirstPart(std::string_view address) {
  const size_t end = address.find('/', 1);
  return end == std::string_view::npos ? std::string_view() : address.substr(1, end - 1);
}

// The language of an address: the one of the site's other languages its first part names,
// else the default language (also for a language the site no longer has).
const Language& AddressLanguage(const SiteConfig& config, std::string_view address) {
  for (const Language& language : config.languages) {
    if (!language.url_prefix.empty() && language.code == FirstPart(address)) return language;
  }
  return config.default_language();
}

// The language of a redirect's page: a short link's is its target's, as it has none of its
// own; any other address's is the one it names.
const std::string& RedirectLanguage(const Site& site, std::string_view address, int target) {
  if (StartsWith(address, "/s/")) return site.page(target).language;
  return AddressLanguage(site.config(), address).code;
}

// The last part of an address: "parks" of "/faq/parks/".
std::string_view LastPart(std::string_view address) {
  address.remove_suffix(address.size() > 1 && address.back() == '/' ? 1 : 0);
  return address.substr(address.rfind('/') + 1);
}

std::string_view ParentFolder(std::string_view address) {
  address.remove_suffix(address.size() > 1 && address.back() == '/' ? 1 : 0);
  return address.substr(0, address.rfind('/') + 1);
}

// Names close enough to be one renamed: one holds the other ("parks" and
// "parks-and-green-space"), or a few letters differ ("id-card" and "id-cards").
bool SimilarNames(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() >= 3 && b.find(a) != std::string_view::npos) return true;
  if (b.size() > 64) return false;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()] <= std::max<size_t>(1, a.size() / 4);
}

std::string Posters(int count) {
  return std::to_string(count) + (count == 1 ? " poster" : " posters");
}

// What the previous build's content file was: its page as the build log summed it up.
struct PreviousPage {
  std::string address;
  SourcePage source;
};

// The previous build's content pages, read from its log once they are asked for (only when
// an address is gone); none without a log.
class PreviousPages {
 public:
  PreviousPages(const SiteConfig& config, const AddressOptions& options)
      : config_(config), options_(options) {}

  const std::vector<PreviousPage>& get() {
    if (pages_) return *pages_;
    pages_.emplace();
    if (!options_.previous) return *pages_;
    for (const SourceRecord& record : options_.previous->sources) {
      Diagnostics ignored;  // a file of a language the site no longer has
      const std::string path(record.path);
      std::optional<ContentFile> file =
          ClassifyContentPath(path, JoinPath(options_.content_dir, path), config_, ignored);
      if (!file) continue;
      PreviousPage page;
      if (!DecodeSourceSummary(record.summary, *file, page.source)) continue;
      page.source.content_hash = record.content_hash;
      page.address = "/" + SourcePagePath(config_, page.source);
      pages_->push_back(std::move(page));
    }
    return *pages_;
  }

 private:
  const SiteConfig& config_;
  const AddressOptions& options_;
  std::optional<std::vector<PreviousPage>> pages_;
};

// The page a short link led to, by its address.
struct ShortLinkOwner {
  std::string address;
  bool generated = false;  // a code qr.short_urls made, not the page's short_url
};

// The address whose page had a short link. For a code that qr.short_urls made (site.h's
// GeneratedShortCode) from the translation key of the page at an address: the page there
// now, the page there in the last build's log, or the page that each of `addresses` would
// have had (one made from a file of that name, a section's, a department's). A generated
// code abbreviates its page's address: renaming or moving the page's file changes the code,
// and the old one keeps leading where the address leads. For a page's short_url, from the
// last build's log.
class ShortLinkOwners {
 public:
  ShortLinkOwners(const Site& site, PreviousPages& previous,
                  const std::vector<std::string_view>& addresses)
      : site_(site), previous_(previous), addresses_(addresses) {}

  std::optional<ShortLinkOwner> Of(std::string_view short_link) {
    if (!owners_) Find();
    const auto found = owners_->find(std::string(LastPart(short_link)));
    if (found == owners_->end()) return std::nullopt;
    return found->second;
  }

 private:
  void Find() {
    owners_.emplace();
    const auto add = [&](std::string_view language, std::string_view key,
                         std::string_view address) {
      owners_->emplace(GeneratedShortCode(language, key, 0),
                       ShortLinkOwner{std::string(address), true});
    };
    for (const Page& page : site_.pages()) {
      if (page.kind != PageKind::kRedirect && page.kind != PageKind::kNotFound) {
        add(page.language, page.translation_key, "/" + page.path);
      }
    }
    for (const PreviousPage& page : previous_.get()) {
      if (page.source.short_url.empty()) {
        add(page.source.origin.language, page.source.translation_key, page.address);
      } else {
        owners_->emplace(page.source.short_url, ShortLinkOwner{page.address, false});
      }
    }
    const SiteConfig& config = site_.config();
    for (std::string_view address : addresses_) {
      const std::string_view path = address.substr(1, address.size() - 2);  // no '/'s around
      // In the default language, or in the one its first part names; perhaps one the site
      // had and no longer has.
      std::vector<std::pair<std::string_view, std::string_view>> readings = {
          {config.default_language().code, path}};
      if (const std::string_view first = FirstPart(address); LooksLikeLanguageCode(first)) {
        const Language* language = config.FindLanguage(first);
        const auto below = path.substr(std::min(path.size(), first.size() + 1));
        if (!language) {
          readings.emplace_back(first, below);
        } else if (!language->url_prefix.empty()) {
          readings = {{first, below}};
        }
      }
      for (const auto& [language, below] : readings) {
        if (below.empty()) {
          add(language, "section:", address);
        } else if (below == "departments" || below == "sitemap" || below == "search") {
          add(language, below, address);
        } else if (StartsWith(below, "departments/")) {
          add(language, "department:" + std::string(below.substr(12)), address);
        } else {
          add(language, below, address);
          add(language, "section:" + std::string(below), address);
        }
      }
    }
  }

  const Site& site_;
  PreviousPages& previous_;
  const std::vector<std::string_view>& addresses_;
  std::optional<std::unordered_map<std::string, ShortLinkOwner>> owners_;  // by code
};

// The page likely to replace an address gone, and why kiosk thinks so.
struct Replacement {
  int page = -1;
  std::string why;
};

// Finds the likely replacement of an address gone: with the previous build's log, the page
// made from the same file, with the same translationKey, the same text or the same title;
// without it too, the translation of the page at the address's counterpart in another
// language, or a new page of a similar name.
class Replacements {
 public:
  Replacements(const Site& site, int content_pages, const std::set<std::string_view>& published,
               PreviousPages& previous)
      : site_(site), published_(published), previous_(previous) {
    for (int i = 0; i < content_pages; ++i) {
      const Page& page = site.page(i);
      if (page.source) candidates_.push_back(i);
      by_path_.emplace(page.path, i);
    }
  }

  std::optional<Replacement> For(const std::string& address) {
    const bool short_link = StartsWith(address, "/s/");
    const std::string& language = AddressLanguage(site_.config(), address).code;
    const auto only = [&](const auto& matches) -> int {
      int found = -1;
      for (int i : candidates_) {
        if (!matches(site_.page(i))) continue;
        if (found >= 0) return -1;
        found = i;
      }
      return found;
    };
    const auto in_language = [&](const auto& matches) {
      return only([&](const Page& page) { return page.language == language && matches(page); });
    };
    if (const PreviousPage* before = Before(address, short_link)) {
      const SourcePage& old = before->source;
      const bool explicit_key = StartsWith(old.translation_key, "key:");
      const std::pair<int, const char*> clues[] = {
          {only([&](const Page& page) { return page.source->origin.path == old.origin.path; }),
           short_link ? "it had that short_url" : "made from the same file"},
          {explicit_key ? in_language([&](const Page& page) {
             return page.translation_key == old.translation_key;
           })
                        : -1,
           "the same translationKey"},
          {in_language(
               [&](const Page& page) { return page.source->content_hash == old.content_hash; }),
           "the same text"},
          {in_language([&](const Page& page) { return page.title == old.title; }),
           "the same title"},
      };
      for (const auto& [page, why] : clues) {
        if (page >= 0) return Replacement{page, why};
      }
    }
    if (short_link) return std::nullopt;
    // The same address in another language, whose page's translation moved.
    const std::string_view below = AddressLanguage(site_.config(), address).url_prefix.empty()
                                       ? std::string_view(address)
                                       : std::string_view(address).substr(language.size() + 1);
    for (const Language& other : site_.config().languages) {
      if (other.code == language) continue;
      const auto there = by_path_.find(other.folder() + std::string(below.substr(1)));
      if (there == by_path_.end()) continue;
      const auto& translations = site_.page(there->second).translations;
      if (const auto moved = translations.find(language);
          moved != translations.end() && IsNew(site_.page(moved->second))) {
        return Replacement{moved->second, "the " + language + " version of " + other.url_prefix +
                                              std::string(below)};
      }
    }
    const std::string_view name = LastPart(address);
    const std::pair<int, const char*> names[] = {
        {in_language(
             [&](const Page& page) { return IsNew(page) && LastPart("/" + page.path) == name; }),
         "the same name"},
        {in_language([&](const Page& page) {
           const std::string path = "/" + page.path;
           return IsNew(page) && ParentFolder(path) == ParentFolder(address) &&
                  SimilarNames(LastPart(path), name);
         }),
         "a similar name"},
    };
    for (const auto& [page, why] : names) {
      if (page >= 0) return Replacement{page, why};
    }
    return std::nullopt;
  }

 private:
  bool IsNew(const Page& page) const { return !published_.count("/" + page.path); }

  // The previous build's page at the address, or, for a short link, the page that had it.
  const PreviousPage* Before(const std::string& address, bool short_link) {
    for (const PreviousPage& page : previous_.get()) {
      if (short_link ? "/s/" + page.source.short_url + "/" == address : page.address == address) {
        return &page;
      }
    }
    return nullptr;
  }

  const Site& site_;
  const std::set<std::string_view>& published_;
  PreviousPages& previous_;
  std::vector<int> candidates_;  // pages made from content files
  std::unordered_map<std::string, int> by_path_;
};

// The short links of addresses gone, by address: they go with it.
using ShortLinksOf = std::map<std::string, std::vector<const PublishedAddress*>, std::less<>>;

// Reports every published address the site no longer makes: one error each, at the page
// that likely replaces it or at its line of published.txt, its short links with it; a folder gone
// with the addresses below it, one error; a language taken out of site.yaml, one error there.
void ReportGone(const Site& site, int content_pages, const std::vector<PublishedAddress>& published,
                const std::vector<const PublishedAddress*>& gone, const ShortLinksOf& short_links,
                PreviousPages& previous, const AddressOptions& options, Diagnostics& diagnostics) {
  std::set<std::string_view> published_set;
  for (const PublishedAddress& entry : published) published_set.insert(entry.address);
  std::map<std::string_view, const PublishedAddress*> gone_set;
  for (const PublishedAddress* entry : gone) gone_set.emplace(entry->address, entry);
  const auto top_folder_gone = [&](const std::string& address) -> const PublishedAddress* {
    for (size_t slash = address.find('/', 1); slash + 1 < address.size();
         slash = address.find('/', slash + 1)) {
      const auto found = gone_set.find(std::string_view(address).substr(0, slash + 1));
      if (found != gone_set.end()) return found->second;
    }
    return nullptr;
  };
  // A language the site no longer has: its home and its search page were published.
  const auto gone_language = [&](const std::string& folder) {
    const std::string_view first = FirstPart(folder);
    return folder.size() == first.size() + 2 && LooksLikeLanguageCode(first) &&
           !site.config().FindLanguage(first) && published_set.count(folder + "search/");
  };
  const auto printed = [](const PublishedAddress& entry) {
    return entry.posters > 0 ? " (printed on " + Posters(entry.posters) + ")" : std::string();
  };
  const auto short_links_of = [&](const PublishedAddress& entry) {
    const auto found = short_links.find(entry.address);
    return found == short_links.end() ? std::vector<const PublishedAddress*>() : found->second;
  };

  Replacements replacements(site, content_pages, published_set, previous);
  std::map<const PublishedAddress*, std::vector<const PublishedAddress*>> below;  // by folder
  std::vector<const PublishedAddress*> alone;
  for (const PublishedAddress* entry : gone) {
    const PublishedAddress* folder = top_folder_gone(entry->address);
    if (!folder) {
      alone.push_back(entry);
      continue;
    }
    const std::optional<Replacement> replacement =
        gone_language(folder->address) ? std::nullopt : replacements.For(entry->address);
    if (replacement) {
      alone.push_back(entry);
    } else {
      below[folder].push_back(entry);
    }
  }
  const SourceLocation in_record{options.published_file, 0, 1};
  for (const PublishedAddress* entry : alone) {
    SourceLocation where = in_record;
    where.line = entry->line;
    const std::string& address = entry->address;
    if (const auto members = below.find(entry); members != below.end()) {
      std::vector<const PublishedAddress*> links = short_links_of(*entry);
      for (const PublishedAddress* member : members->second) {
        const std::vector<const PublishedAddress*> more = short_links_of(*member);
        links.insert(links.end(), more.begin(), more.end());
      }
      int printed_count = entry->posters > 0;
      for (const auto* group : {&members->second, &links}) {
        for (const PublishedAddress* member : *group) printed_count += member->posters > 0;
      }
      const size_t size = members->second.size();
      std::string count =
          std::to_string(size) + (size == 1 ? " address below it" : " addresses below it");
      if (!links.empty()) {
        count += " (with " + std::to_string(links.size()) +
                 (links.size() == 1 ? " short link)" : " short links)");
      }
      const std::string posters =
          printed_count ? " (" + std::to_string(printed_count) + " of them printed on posters)"
                        : "";
      const std::string language(FirstPart(address));
      if (gone_language(address)) {
        diagnostics.error(site.config().languages_where,
                          address + " and " + count + " were published" + posters + ", and '" +
                              language + "' is no longer one of the site's languages",
                          "retire them: add '" + address +
                              "*: /' under 'retired:' in site.yaml (it sends them to the home "
                              "page), or add the language back");
      } else {
        diagnostics.error(where,
                          address + " and " + count + " were published" + posters +
                              " and this build no longer makes them",
                          "retire them: add '" + address +
                              "*:' under 'retired:' in site.yaml, with the address of the page "
                              "that replaces them or 'ended'; or give the pages that replace "
                              "them 'aliases:'");
      }
      continue;
    }
    const std::optional<Replacement> replacement = replacements.For(address);
    const std::string likely =
        replacement ? " (likely this one: " + replacement->why + ")" : std::string();
    if (replacement) {
      const SourcePage& source = *site.page(replacement->page).source;
      where = source.front_matter_where;
    }
    std::string fix;
    if (StartsWith(address, "/s/")) {
      const std::string_view code = LastPart(address);
      fix = "give the page it led to 'short_url: " + std::string(code) + "' again" + likely +
            ", or retire it in site.yaml";
    } else {
      fix = "add 'aliases: [" + address + "]' to the page that replaces it" + likely +
            ", or retire it in site.yaml";
    }
    const std::vector<const PublishedAddress*> links = short_links_of(*entry);
    if (links.empty()) {
      diagnostics.error(
          where,
          address + " was published" + printed(*entry) + " and this build no longer makes it", fix);
      continue;
    }
    std::string what = address + printed(*entry);
    for (const PublishedAddress* link : links) {
      what += (link == links.front() ? " and its short link " : " and ") + link->address +
              printed(*link);
    }
    diagnostics.error(
        where, what + " were published and this build no longer makes them",
        fix + "; " + (links.size() == 1 ? links.front()->address : "its short links") +
            (links.size() == 1 ? " then leads" : " then lead") + " where " + address + " does");
  }
}

}  // namespace

std::vector<std::string> SettleAddresses(Site& site, const std::vector<PublishedAddress>& published,
                                         const AddressOptions& options, Diagnostics& diagnostics) {
  const SiteConfig& config = site.config();
  const int errors_before = diagnostics.error_count();
  const int assembled = static_cast<int>(site.pages().size());
  std::unordered_map<std::string_view, int> made;  // every page, by its path below base_url
  made.reserve(assembled);
  for (int i = 0; i < assembled; ++i) made.emplace(site.page(i).path, i);
  const auto made_at = [&](std::string_view address) { return made.find(address.substr(1)); };

  // Aliases: each is an address no page has, and one page's alone.
  std::map<std::string_view, std::pair<int, const Alias*>> aliases;  // by address
  for (int i = 0; i < assembled; ++i) {
    const Page& page = site.page(i);
    if (!page.source) continue;
    for (const Alias& alias : page.source->aliases) {
      if (const auto there = made_at(alias.address); there != made.end()) {
        diagnostics.error(alias.where,
                          "the alias " + alias.address + " is " +
                              (there->second == i
                                   ? std::string("this page's own address")
                                   : "the address of " +
                                         PageOrigin(site.page(there->second), options.content_dir)),
                          "remove it from 'aliases:': an alias stands for an address that "
                          "no page has any more");
        continue;
      }
      const auto [claimed, inserted] = aliases.emplace(alias.address, std::pair(i, &alias));
      if (!inserted) {
        diagnostics.error(alias.where,
                          "the alias " + alias.address + " is also an alias of " +
                              site.page(claimed->second.first).source->origin.file,
                          "keep it on one of the two pages: the one that replaces it");
      }
    }
  }

  // Retired addresses: those written one by one, then the published addresses below a
  // retired folder that nothing else makes (the longest folder that holds one wins). The
  // published addresses nothing makes are gone.
  std::vector<std::pair<std::string, const RetiredAddress*>> retired;
  std::set<std::string_view> retired_one_by_one;
  for (const RetiredAddress& entry : config.retired) {
    if (entry.folder) continue;
    if (const auto there = made_at(entry.address); there != made.end()) {
      diagnostics.error(entry.where,
                        entry.address + " is retired, yet it is the address of " +
                            PageOrigin(site.page(there->second), options.content_dir),
                        "remove it from 'retired:' now that a page is there again");
    } else if (const auto alias = aliases.find(entry.address); alias != aliases.end()) {
      diagnostics.error(alias->second.second->where,
                        "the alias " + entry.address + " is also retired in " + config.file +
                            " (line " + std::to_string(entry.where.line) + ")",
                        "keep one of the two: the alias, or the entry under 'retired:'");
      aliases.erase(alias);
    } else {
      retired.emplace_back(entry.address, &entry);
      retired_one_by_one.insert(entry.address);
    }
  }
  std::vector<const PublishedAddress*> gone;
  for (const PublishedAddress& entry : published) {
    if (made_at(entry.address) != made.end() || aliases.count(entry.address) ||
        retired_one_by_one.count(entry.address)) {
      continue;
    }
    const RetiredAddress* folder = nullptr;
    for (const RetiredAddress& candidate : config.retired) {
      if (candidate.folder && StartsWith(entry.address, candidate.address) &&
          (!folder || candidate.address.size() > folder->address.size())) {
        folder = &candidate;
      }
    }
    if (folder) {
      retired.emplace_back(entry.address, folder);
    } else {
      gone.push_back(&entry);
    }
  }

  // Short links gone with their page's address go where it goes: each leads where the
  // address leads now (an alias, a retired address), or is gone with it. One that
  // qr.short_urls made is gone also when its page's file is renamed or moved, or short_urls
  // is turned off: it leads to its page still. A page that gives up its short_url is asked
  // about (ReportGone).
  PreviousPages previous(config, options);
  std::vector<std::pair<const PublishedAddress*, std::string>> followers;  // (link, address)
  ShortLinksOf short_links;
  size_t gone_short_links = 0;
  if (std::any_of(gone.begin(), gone.end(), [](const PublishedAddress* entry) {
        return StartsWith(entry->address, "/s/");
      })) {
    std::vector<std::string_view> pages;  // the addresses published that no page has now
    for (const PublishedAddress& entry : published) {
      if (!StartsWith(entry.address, "/s/") && made_at(entry.address) == made.end()) {
        pages.push_back(entry.address);
      }
    }
    std::set<std::string_view> gone_addresses, retired_addresses;
    for (const PublishedAddress* entry : gone) gone_addresses.insert(entry->address);
    for (const auto& [address, entry] : retired) retired_addresses.insert(address);
    ShortLinkOwners owners(site, previous, pages);
    std::erase_if(gone, [&](const PublishedAddress* entry) {
      if (!StartsWith(entry->address, "/s/")) return false;
      const std::optional<ShortLinkOwner> owner = owners.Of(entry->address);
      if (!owner) return false;
      if (gone_addresses.count(owner->address)) {
        short_links[owner->address].push_back(entry);
        ++gone_short_links;
        return true;
      }
      const bool page_made = made_at(owner->address) != made.end();
      if (page_made ? !owner->generated
                    : !aliases.count(owner->address) && !retired_addresses.count(owner->address)) {
        return false;
      }
      followers.emplace_back(entry, owner->address);
      return true;
    });
  }

  // The pages to add, made before any is added: adding moves the site's pages. Where each
  // address that no page has leads, for the short links that follow it.
  std::vector<Page> added;
  std::unordered_map<std::string_view, int> leads_to;
  for (const auto& [address, owner] : aliases) {
    added.push_back(RedirectPage(std::string(address.substr(1)),
                                 RedirectLanguage(site, address, owner.first),
                                 site.page(owner.first), owner.first));
    leads_to.emplace(address, owner.first);
  }
  std::set<const RetiredAddress*> leading_nowhere;
  // The pages of a service ended, by their address below their language's folder: each
  // language's page is the others' translation.
  std::map<std::string, std::map<std::string, int>> ended_services;
  const auto service_of = [&](std::string_view address, const std::string& language) {
    return std::string(address.substr(config.FindLanguage(language)->url_prefix.size()));
  };
  for (const auto& [address, entry] : retired) {
    if (entry->replacement.empty()) {
      const Language& language = AddressLanguage(config, address);
      Page ended;
      ended.kind = PageKind::kEnded;
      ended.language = language.code;
      ended.title = options.label(language.code, "service_ended");
      ended.path = address.substr(1);
      ended.output_file = AddressFile(address);
      ended_services[service_of(address, language.code)][language.code] =
          assembled + static_cast<int>(added.size());
      leads_to.emplace(address, assembled + static_cast<int>(added.size()));
      added.push_back(std::move(ended));
      continue;
    }
    int target = -1;
    if (const auto there = made_at(entry->replacement); there != made.end()) {
      const Page& page = site.page(there->second);
      target = page.kind == PageKind::kRedirect   ? page.target
               : page.kind == PageKind::kNotFound ? -1
                                                  : there->second;
    } else if (const auto alias = aliases.find(entry->replacement); alias != aliases.end()) {
      target = alias->second.first;
    }
    if (target >= 0) {
      added.push_back(RedirectPage(address.substr(1), RedirectLanguage(site, address, target),
                                   site.page(target), target));
      leads_to.emplace(address, target);
    } else if (leading_nowhere.insert(entry).second) {
      diagnostics.error(entry->where,
                        entry->address + (entry->folder ? "*" : "") + " is retired to " +
                            entry->replacement + ", which is not a page of this site",
                        "write the address of the page that replaces it, or 'ended'");
    }
  }
  const auto added_page = [&](int index) -> const Page& {
    return index < assembled ? site.page(index) : added[index - assembled];
  };
  for (Page& page : added) {
    if (page.kind == PageKind::kEnded) {
      page.translations = ended_services.at(service_of("/" + page.path, page.language));
    }
  }
  for (const auto& [link, address] : followers) {
    const auto there = made_at(address);
    const auto led = leads_to.find(address);
    const int target = there != made.end()     ? there->second
                       : led != leads_to.end() ? led->second
                                               : -1;  // retired to nowhere: an error above
    if (target < 0) continue;
    const Page& page = added_page(target);
    added.push_back(RedirectPage(link->address.substr(1), page.language, page, target));
  }
  for (Page& page : added) site.AddUnlistedPage(std::move(page));

  // Not when an alias or a retired address is wrong: what they stand for would look gone too.
  if (options.check_published && !gone.empty() && diagnostics.error_count() == errors_before) {
    ReportGone(site, assembled, published, gone, short_links, previous, options, diagnostics);
  }

  // Most builds publish nothing new: every address made is one of those recorded.
  const auto made_now =
      std::count_if(site.pages().begin(), site.pages().end(),
                    [](const Page& page) { return page.kind != PageKind::kNotFound; });
  if (static_cast<size_t>(made_now) == published.size() - gone.size() - gone_short_links) {
    return {};
  }
  std::unordered_set<std::string_view> recorded;  // by path, as pages have them
  recorded.reserve(published.size());
  for (const PublishedAddress& entry : published) {
    recorded.insert(std::string_view(entry.address).substr(1));
  }
  std::vector<std::string> addresses;
  for (const Page& page : site.pages()) {
    if (page.kind != PageKind::kNotFound && !recorded.count(page.path)) {
      addresses.push_back("/" + page.path);
    }
  }
  std::sort(addresses.begin(), addresses.end());
  addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
  return addresses;
}

}  // namespace kiosk
