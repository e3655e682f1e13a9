// The alt text `kiosk import` writes for an image whose document gave it no description.
// The build warns at its line until a person writes what the image shows, and the checker
// fails it as a placeholder (KS1110100C), so it is never published unnoticed.
#pragma once

#include <string_view>

namespace kiosk {

inline constexpr std::string_view kMissingAltText = "請輸入替代文字";

}  // namespace kiosk
