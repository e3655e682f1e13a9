#include "base/hash.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {
namespace {

// A file written as pieces must get the fingerprint of the same bytes written whole, or an
// incremental build would take an unchanged record file for a changed one.
TEST(HashBytesTest, PiecesHashAsTheirBytesJoined) {
  const std::string large(100000, 'x');
  const std::string whole = "{\"page\":\"常見問題\"}," + large + "\n]}\n";
  const std::vector<std::string_view> pieces = {"{\"page\":\"常見問題\"},", "", large, "\n]}\n"};
  EXPECT_EQ(HashBytes(pieces), HashBytes(whole));
  const std::vector<std::string_view> one = {whole};
  EXPECT_EQ(HashBytes(one), HashBytes(whole));
  EXPECT_NE(HashBytes(pieces), HashBytes(whole + " "));
}

}  // namespace
}  // namespace kiosk
