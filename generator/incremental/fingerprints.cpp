#include "incremental/fingerprints.h"

#include <algorithm>

#include "base/hash.h"
#include "base/parallel.h"

namespace kiosk {

namespace {

// What other pages show of a page: its place, title, dates and kind.
uint64_t SummaryHash(const Page& page) {
  Fingerprint hash;
  hash.Add(static_cast<uint64_t>(page.kind)).Add(page.language).Add(page.section).Add(page.title);
  hash.Add(page.path).Add(page.short_code).Add(page.department);
  if (const SourcePage* source = page.source) {
    hash.Add(source->description).Add(source->type).Add(source->layout).Add(source->department);
    hash.Add(source->date ? source->date->iso : "")
        .Add(source->updated ? source->updated->iso : "");
    hash.Add(static_cast<uint64_t>(source->weight.value_or(INT64_MIN)));
  }
  return hash.value();
}

// Every page whose summary appears in the page's own HTML.
std::vector<int> Neighbours(const Site& site, int index) {
  const Page& page = site.page(index);
  std::vector<int> neighbours;
  for (int at = page.parent; at >= 0; at = site.page(at).parent) neighbours.push_back(at);
  neighbours.insert(neighbours.end(), page.children.begin(), page.children.end());
  neighbours.insert(neighbours.end(), page.subsections.begin(), page.subsections.end());
  for (const Language& language : site.config().languages) {
    const auto translated = page.translations.find(language.code);
    if (translated != page.translations.end()) {
      neighbours.push_back(translated->second);
    } else {
      // The language switcher's fallback: the section, or the home page, of that language.
      const int section = site.section(language.code, page.section);
      neighbours.push_back(section >= 0 ? section : site.home(language.code));
    }
  }
  // The menu and the footer of the page's language.
  const Page& home = site.page(site.home(page.language));
  neighbours.insert(neighbours.end(), home.subsections.begin(), home.subsections.end());
  neighbours.insert(neighbours.end(), home.children.begin(), home.children.end());
  if (page.kind == PageKind::kHome) {
    const std::vector<int> latest = site.Latest(page.language, site.config().home_latest);
    neighbours.insert(neighbours.end(), latest.begin(), latest.end());
  }
  if (page.target >= 0) neighbours.push_back(page.target);
  if (page.kind == PageKind::kSiteMap) {
    // It lists every section and page of its language.
    for (int i = 0; i < static_cast<int>(site.pages().size()); ++i) {
      const Page& other = site.page(i);
      if (other.language == page.language &&
          (other.kind == PageKind::kSection || other.kind == PageKind::kPage ||
           other.kind == PageKind::kDepartments || other.kind == PageKind::kDepartment)) {
        neighbours.push_back(i);
      }
    }
  }
  return neighbours;
}

}  // namespace

std::vector<OutputRecord> PageFingerprints(const Site& site, uint64_t site_hash,
                                           uint64_t static_hash, int jobs) {
  const std::vector<Page>& pages = site.pages();
  std::vector<uint64_t> summaries(pages.size());
  ParallelFor(pages.size(), jobs, [&](size_t i, int) { summaries[i] = SummaryHash(pages[i]); });
  std::vector<OutputRecord> records(pages.size());
  ParallelFor(pages.size(), jobs, [&](size_t i, int) {
    const Page& page = pages[i];
    OutputRecord& record = records[i];
    record.made_from.site = site_hash;
    Fingerprint source;
    source.Add(summaries[i]);
    if (page.source) {
      source.Add(page.source->content_hash);
      if (page.source->type == "sop") source.Add(static_hash);
    }
    record.made_from.source = source.value();
    Fingerprint neighbours;
    // Every page links to its language's news feed, if there is one.
    neighbours.Add(uint64_t{site.HasNewsFeed(page.language)});
    for (int neighbour : Neighbours(site, static_cast<int>(i))) {
      neighbours.Add(summaries[neighbour]);
    }
    record.made_from.neighbours = neighbours.value();
  });
  return records;
}

std::string RebuildReason(const MadeFrom& now, const MadeFrom* before) {
  if (!before) return "it is new";
  if (now.site != before->site) return "site.yaml, the theme or the build options changed";
  if (now.source != before->source) return "its source changed";
  if (now.neighbours != before->neighbours) {
    return "a page it lists or links to changed (section, translation, menu or footer)";
  }
  return {};
}

}  // namespace kiosk
