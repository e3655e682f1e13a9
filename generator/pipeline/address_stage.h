// The stages of published.txt (addresses/): read before the build log, whose stamp covers it;
// the site's addresses settled once it is read; written last, once the output is.
#pragma once

#include <string>

#include "incremental/build_log.h"
#include "pipeline/build_context.h"
#include "pipeline/read_stages.h"

namespace kiosk {

// SITE_DIR/published.txt's bytes; "" when there is none.
std::string ReadPublished(const BuildContext& context);

// Adds the pages of aliases and retired addresses to the loaded site and checks that every
// published address is still made (addresses/addresses.h); sets what published.txt will
// hold: with the addresses made, unless the build is a preview. `log`, the previous build's,
// helps name the page that replaces an address gone; it may be null.
void SettleAddressStage(const BuildContext& context, LoadedSite& loaded, const BuildLog* log);

// Writes published.txt as the build leaves it, when that is not as it was read.
void RecordPublished(const BuildContext& context, const LoadedSite& loaded);

}  // namespace kiosk
