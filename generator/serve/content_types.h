// The Content-Type of the files a site holds, by their names.
#pragma once

#include <string_view>

namespace kiosk::serve {

// "text/html; charset=utf-8" for "faq/index.html"; text types carry their charset, as kiosk
// writes UTF-8. A name it does not know is "application/octet-stream".
std::string_view ContentTypeOf(std::string_view path);

}  // namespace kiosk::serve
