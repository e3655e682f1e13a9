// The site's addresses, once it is assembled: the pages that keep published addresses alive
// are added (the redirects of front matter's `aliases:`, site.yaml's `retired:`), and every
// address the site has published (published.h) must still be made. A build that would drop
// one fails, naming the page that likely replaces it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "addresses/published.h"
#include "base/diagnostic.h"
#include "incremental/build_log.h"
#include "site/site.h"

namespace kiosk {

struct AddressOptions {
  std::string published_file;  // published.txt as messages name it
  std::string content_dir;     // content/ as messages name it
  // The previous build's log, when there is one: what its pages were (file, title,
  // translationKey, text), to name the likely replacement of an address gone.
  const BuildLog* previous = nullptr;
  // Whether to look for published addresses gone: not on a site with errors already, whose
  // pages that failed to parse would look gone.
  bool check_published = true;
  // The titles of kiosk's own pages (label(language, "service_ended")), as AssembleSite's.
  std::function<std::string(const std::string&, const std::string&)> label;
};

// Adds the pages of aliases and retired addresses to `site` and checks every published
// address. Collisions (an alias that is a page's address, another page's alias, a short link
// or retired) and retired entries that lead nowhere are errors at their line. A short link
// gone with its page's address, or whose generated code changed, leads where that address
// leads now (a redirect), or is reported with it. Returns the addresses the site makes now
// ("/" and the page's path, 404 pages aside) that `published` lacks, sorted.
std::vector<std::string> SettleAddresses(Site& site, const std::vector<PublishedAddress>& published,
                                         const AddressOptions& options, Diagnostics& diagnostics);

}  // namespace kiosk
