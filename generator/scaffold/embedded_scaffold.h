// The files `kiosk new` makes, compiled into the binary from generator/scaffold/files/:
// site/ (a new site) and pages/ (a new page of each type, per language).
#pragma once

#include <vector>

#include "base/embedded_files.h"

namespace kiosk {

const std::vector<EmbeddedFile>& ScaffoldFiles();

}  // namespace kiosk
