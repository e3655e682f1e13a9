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
               const AddressOptions& options)
      : site_(site), published_(published), options_(options) {
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
    if (!options_.previous) return nullptr;
    if (!previous_) {
      previous_.emplace();
      for (const SourceRecord& record : options_.previous->sources) {
        Diagnostics ignored;  // a file of a language the site no longer has
        const std::string path(record.path);
        std::optional<ContentFile> file = ClassifyContentPath(
            path, JoinPath(options_.content_dir, path), site_.config(), ignored);
        if (!file) continue;
        PreviousPage page;
        if (!DecodeSourceSummary(record.summary, *file, page.source)) continue;
        page.source.content_hash = record.content_hash;
        page.address = "/" + SourcePagePath(site_.config(), page.source);
        previous_->push_back(std::move(page));
      }
    }
    for (const PreviousPage& page : *previous_) {
      if (short_link ? "/s/" + page.source.short_url + "/" == address : page.address == address) {
        return &page;
      }
    }
    return nullptr;
  }

  const Site& site_;
  const std::set<std::string_view>& published_;
  const AddressOptions& options_;
  std::vector<int> candidates_;  // pages made from content files
  std::unordered_map<std::string, int> by_path_;
  std::optional<std::vector<PreviousPage>> previous_;  // read once an address is gone
};

// Reports every published address the site no longer makes: one error each, at the page
// that likely replaces it or at its line of published.txt; a folder gone with the addresses
// below it, one error; a language taken out of site.yaml, one error there.
void ReportGone(const Site& site, int content_pages, const std::vector<PublishedAddress>& published,
                const std::vector<const PublishedAddress*>& gone, const AddressOptions& options,
                Diagnostics& diagnostics) {
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

  Replacements replacements(site, content_pages, published_set, options);
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
      int printed_count = entry->posters > 0;
      for (const PublishedAddress* member : members->second) printed_count += member->posters > 0;
      const size_t size = members->second.size();
      const std::string count = std::to_string(size) + (size == 1 ? " address" : " addresses");
      const std::string posters =
          printed_count ? " (" + std::to_string(printed_count) + " of them printed on posters)"
                        : "";
      const std::string language(FirstPart(address));
      if (gone_language(address)) {
        diagnostics.error(site.config().languages_where,
                          address + " and " + count + " below it were published" + posters +
                              ", and '" + language + "' is no longer one of the site's languages",
                          "retire them: add '" + address +
                              "*: /' under 'retired:' in site.yaml (it sends them to the home "
                              "page), or add the language back");
      } else {
        diagnostics.error(where,
                          address + " and " + count + " below it were published" + posters +
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
    diagnostics.error(
        where, address + " was published" + printed(*entry) + " and this build no longer makes it",
        fix);
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

  // The pages to add, made before any is added: adding moves the site's pages.
  std::vector<Page> added;
  for (const auto& [address, owner] : aliases) {
    added.push_back(RedirectPage(std::string(address.substr(1)),
                                 RedirectLanguage(site, address, owner.first),
                                 site.page(owner.first), owner.first));
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
    } else if (leading_nowhere.insert(entry).second) {
      diagnostics.error(entry->where,
                        entry->address + (entry->folder ? "*" : "") + " is retired to " +
                            entry->replacement + ", which is not a page of this site",
                        "write the address of the page that replaces it, or 'ended'");
    }
  }
  for (Page& page : added) {
    if (page.kind == PageKind::kEnded) {
      page.translations = ended_services.at(service_of("/" + page.path, page.language));
    }
    site.AddUnlistedPage(std::move(page));
  }

  // Not when an alias or a retired address is wrong: what they stand for would look gone too.
  if (options.check_published && !gone.empty() && diagnostics.error_count() == errors_before) {
    ReportGone(site, assembled, published, gone, options, diagnostics);
  }

  // Most builds publish nothing new: every address made is one of those recorded.
  const auto made_now =
      std::count_if(site.pages().begin(), site.pages().end(),
                    [](const Page& page) { return page.kind != PageKind::kNotFound; });
  if (static_cast<size_t>(made_now) == published.size() - gone.size()) return {};
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
