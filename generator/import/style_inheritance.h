// Named styles that inherit from one another, as both ODF and OOXML have them.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace kiosk::import {

// `member` of the style named `name`, or of the first style it inherits from (through
// `parent`) that sets it; nullopt when none does. A chain is followed 20 styles deep at most,
// so that a loop in a damaged document ends.
template <typename Style, typename T>
std::optional<T> InheritedProperty(const std::map<std::string, Style>& styles, std::string name,
                                   std::optional<T> Style::*member, std::string Style::*parent) {
  for (int hops = 0; hops < 20 && !name.empty(); ++hops) {
    const auto style = styles.find(name);
    if (style == styles.end()) break;
    if (style->second.*member) return style->second.*member;
    name = style->second.*parent;
  }
  return std::nullopt;
}

}  // namespace kiosk::import
