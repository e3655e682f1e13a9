// The default theme, compiled into the binary from themes/default/.
#pragma once

#include <vector>

#include "base/embedded_files.h"

namespace kiosk {

const std::vector<EmbeddedFile>& DefaultThemeFiles();

}  // namespace kiosk
