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

// Loads a page's linked stylesheets from the files beside the fixtures; nothing else is read.
inline std::optional<std::string> LoadFixtureStylesheet(const std::string& href) {
  if (href.find(':') != std::string::npos || href.rfind("/", 0) == 0) return std::nullopt;
  return ReadCheckFixture(href);
}

}  // namespace kiosk::testing
