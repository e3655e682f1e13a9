// published.txt: read, written and merged as git leaves it.
#include "addresses/published.h"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

constexpr std::string_view kBase = "https://www.example.gov.tw/";

std::string Errors(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics.items()) text += d.format() + "\n";
  return text;
}

std::vector<PublishedAddress> ParseOk(std::string_view text) {
  Diagnostics diagnostics;
  auto addresses = ParsePublished(text, "published.txt", kBase, diagnostics);
  EXPECT_TRUE(addresses) << Errors(diagnostics);
  return addresses.value_or(std::vector<PublishedAddress>());
}

TEST(PublishedTest, ReadsAddressesAndPosters) {
  const auto addresses = ParseOk("# a comment\n\n/faq/parks/ posters=3\r\n/\n/s/id/\n");
  ASSERT_EQ(addresses.size(), 3u);
  EXPECT_EQ(addresses[0].address, "/");
  EXPECT_EQ(addresses[0].line, 4);
  EXPECT_EQ(addresses[1].address, "/faq/parks/");
  EXPECT_EQ(addresses[1].posters, 3);
  EXPECT_EQ(addresses[1].line, 3);
  EXPECT_EQ(addresses[2].address, "/s/id/");
  EXPECT_EQ(addresses[2].posters, 0);
}

TEST(PublishedTest, WritesWhatItReadsSortedWithAHeader) {
  const std::string text = FormatPublished(ParseOk("/s/id/\n/faq/parks/ posters=3\n/\n"));
  EXPECT_EQ(text.substr(text.find("\n/") + 1), "/\n/faq/parks/ posters=3\n/s/id/\n");
  EXPECT_EQ(text.rfind("# ", 0), 0u);
  EXPECT_EQ(FormatPublished(ParseOk(text)), text) << "stable";
}

// git merges two branches that added lines at the same place by keeping both sides.
TEST(PublishedTest, AnAddressTwiceIsOnceWithTheLargerCount) {
  const auto addresses = ParseOk("/faq/parks/ posters=2\n/faq/parks/ posters=5\n/faq/parks/\n");
  ASSERT_EQ(addresses.size(), 1u);
  EXPECT_EQ(addresses[0].posters, 5);
}

TEST(PublishedTest, WhatIsNotAnAddressIsAnErrorAtItsLine) {
  Diagnostics diagnostics;
  EXPECT_FALSE(
      ParsePublished("/a/\n<<<<<<< ours\n/b/\n=======\n/c/ printed\nfaq/\n>>>>>>> theirs\n",
                     "published.txt", kBase, diagnostics));
  EXPECT_EQ(Errors(diagnostics),
            "published.txt:2:1: error: a merge left its conflict markers here — keep the "
            "addresses of both sides and delete the marker lines: kiosk sorts the file again\n"
            "published.txt:4:1: error: a merge left its conflict markers here — keep the "
            "addresses of both sides and delete the marker lines: kiosk sorts the file again\n"
            "published.txt:5:5: error: 'printed' after the address is not a count of posters — "
            "write 'posters=N' after the address, or nothing\n"
            "published.txt:6:1: error: 'faq/' does not start at the site's root — write it from "
            "the root, with a leading '/': /faq/\n"
            "published.txt:7:1: error: a merge left its conflict markers here — keep the "
            "addresses of both sides and delete the marker lines: kiosk sorts the file again\n");
}

TEST(PublishedTest, AFileSavedInBig5IsAnError) {
  Diagnostics diagnostics;
  EXPECT_FALSE(ParsePublished("/news/\xA7\xD3/\n", "published.txt", kBase, diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 1);
}

TEST(PublishedTest, AddingAddressesKeepsTheirPosters) {
  const auto merged = WithAddresses(ParseOk("/b/ posters=2\n/d/\n"), {"/a/", "/b/", "/c/"});
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0].address, "/a/");
  EXPECT_EQ(merged[1].address, "/b/");
  EXPECT_EQ(merged[1].posters, 2);
  EXPECT_EQ(merged[2].address, "/c/");
  EXPECT_EQ(merged[3].address, "/d/");
}

TEST(PublishedTest, PostersAreCountedInTheSiteFolder) {
  MemoryFileSystem fs;
  ASSERT_TRUE(RecordPosters(fs, "site", "site", kBase, {"/faq/parks/", "/s/id/"}));
  ASSERT_TRUE(RecordPosters(fs, "site", "site", kBase, {"/faq/parks/"}));
  const std::string text = *fs.ReadFile("site/published.txt");
  EXPECT_EQ(text.substr(text.find("\n/") + 1), "/faq/parks/ posters=2\n/s/id/ posters=1\n");
  EXPECT_FALSE(fs.IsFile("site/published.txt.kiosk-partial"));

  ASSERT_TRUE(fs.WriteFile("site/published.txt", "<<<<<<< ours\n"));
  const Status status = RecordPosters(fs, "site", "site", kBase, {"/faq/parks/"});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().where.file, "site/published.txt");
  EXPECT_EQ(*fs.ReadFile("site/published.txt"), "<<<<<<< ours\n") << "left as it was";
}

}  // namespace
}  // namespace kiosk
