// The files a site has besides its pages: sitemap.xml (with the translations of each page),
// robots.txt, and an Atom feed of the news of each language.
#pragma once

#include <vector>

#include "render/page_renderer.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

// Where a language's news feed is ("feed.xml", "en/feed.xml").
std::string FeedPath(const Language& language);

// sitemap.xml: every page's address, last date and translations.
OutputFile RenderSiteMap(const Site& site);
// What the site map is made of, for an edit to tell cheaply whether it changed (at 10,000
// pages, making it takes 15 ms and the stamp about 2). Both walk the same entries, which
// hold only what the site map shows: a field added to the site map goes into the entry.
uint64_t SiteMapStamp(const Site& site);

// robots.txt and the news feeds; `site_has_robots`: the site's static/ has its own
// robots.txt, which wins.
std::vector<OutputFile> RenderSiteFiles(const Site& site, const Theme& theme, bool site_has_robots);

// An RFC 3339 time for feeds: a date is taken as midnight in Taiwan (+08:00).
std::string Rfc3339(const Date& date);

}  // namespace kiosk
