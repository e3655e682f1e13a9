// Files compiled into the binary (base/embed_files.cmake), so that kiosk needs no files of
// its own at run time.
#pragma once

#include <string_view>

namespace kiosk {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder: "templates/page.mustache"
  std::string_view contents;
};

}  // namespace kiosk
