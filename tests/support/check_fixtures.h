// The HTML and CSS fixtures of the checker's tests, in tests/check/fixtures/.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace kiosk::testing {

inline const std::string kCheckFixtures = std::string(KIOSK_TESTS_DIR) + "/check/fixtures";

// A fixture file's text; nullopt when there is none by that name.
inline std::optional<std::string> ReadCheckFixture(const std::string& name) {
  std::ifstream in(kCheckFixtures + "/" + name, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kiosk::testing
