// BCP 47 language tags, as the lang attribute takes them ("zh-Hant-TW", "en", "nan").
#pragma once

#include <string_view>

namespace kiosk::check {

// True for a well-formed tag whose primary language is a real one: an ISO 639-1 code when it
// has two letters (so "zh_TW", "tw-zh" and "cn" are not), any three-letter code (ISO 639-2/3:
// "nan" Taiwanese, "hak" Hakka, "ami" Amis…), or a private-use tag ("x-…").
bool IsValidLanguageTag(std::string_view tag);

}  // namespace kiosk::check
