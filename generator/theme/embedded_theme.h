// The default theme, compiled into the binary from themes/default/.
#pragma once

#include <string_view>
#include <vector>

namespace kiosk {

struct EmbeddedFile {
  std::string_view path;  // relative to the theme folder: "templates/page.mustache"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& DefaultThemeFiles();

}  // namespace kiosk
