// What each page of a site is made from, as fingerprints, and why a page must be rendered
// again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "incremental/build_log.h"
#include "site/site.h"

namespace kiosk {

// One record per page of the site (in page order), made on `jobs` threads. `site_hash`
// covers what every page depends on; `static_hash` what service pages show of static/
// (their forms' sizes).
std::vector<OutputRecord> PageFingerprints(const Site& site, uint64_t site_hash,
                                           uint64_t static_hash, int jobs);

// Why a page with record `now` must be written again, given the previous record (nullptr
// when the previous build did not write it); empty when it need not.
std::string RebuildReason(const MadeFrom& now, const MadeFrom* before);

}  // namespace kiosk
