// Which file a request names, and the paths that are refused: a corpus of ways out of the
// served folder.
#include "serve/request_path.h"

#include <gtest/gtest.h>

namespace kiosk::serve {
namespace {

using Outcome = RequestPath::Outcome;

TEST(RequestPathTest, NamesTheFileBelowTheBasePath) {
  const RequestPath root = ReadRequestPath("/office/", "/office/");
  EXPECT_EQ(root.outcome, Outcome::kInSite);
  EXPECT_EQ(root.path, "");
  EXPECT_TRUE(root.folder);
  const RequestPath page = ReadRequestPath("/office/faq/id-card/?from=qr#top", "/office/");
  EXPECT_EQ(page.outcome, Outcome::kInSite);
  EXPECT_EQ(page.path, "faq/id-card");
  EXPECT_TRUE(page.folder);
  const RequestPath file = ReadRequestPath("/office/css/site.css", "/office/");
  EXPECT_EQ(file.path, "css/site.css");
  EXPECT_FALSE(file.folder);
  const RequestPath bare = ReadRequestPath("/office", "/office/");
  EXPECT_EQ(bare.outcome, Outcome::kInSite);
  EXPECT_EQ(bare.path, "");
  EXPECT_FALSE(bare.folder);
  EXPECT_EQ(ReadRequestPath("/faq/id-card/", "/").path, "faq/id-card");
  EXPECT_EQ(ReadRequestPath("/faq//id-card/", "/").path, "faq/id-card");
}

TEST(RequestPathTest, DecodesChinesePaths) {
  const RequestPath news =
      ReadRequestPath("/office/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/", "/office/");
  EXPECT_EQ(news.outcome, Outcome::kInSite);
  EXPECT_EQ(news.path, "news/志工招募");
  EXPECT_EQ(ReadRequestPath("/%E8%BE%A6%E5%85%AC%E5%AE%A4/", "/%E8%BE%A6%E5%85%AC%E5%AE%A4/").path,
            "");
}

TEST(RequestPathTest, APathElsewhereIsOutsideTheBase) {
  EXPECT_EQ(ReadRequestPath("/other/faq/", "/office/").outcome, Outcome::kOutsideBase);
  EXPECT_EQ(ReadRequestPath("/", "/office/").outcome, Outcome::kOutsideBase);
  EXPECT_EQ(ReadRequestPath("/officer/", "/office/").outcome, Outcome::kOutsideBase);
}

TEST(RequestPathTest, RefusesEveryWayOutOfTheFolder) {
  for (const char* target : {
           "/office/../etc/passwd",
           "/office/faq/../../etc/passwd",
           "/office/..",
           "/office/./faq/",
           "/office/%2e%2e/etc/passwd",
           "/office/%2E%2E/etc/passwd",
           "/office/.%2e/etc/passwd",
           "/office/%2e./etc/passwd",
           "/office/%2e/faq/",
           "/office/faq%2f..%2f..%2fetc%2fpasswd",
           "/office/faq%2F..%2F..%2Fetc%2Fpasswd",
           "/office/..%5c..%5cetc%5cpasswd",
           "/office/..\\..\\etc\\passwd",
           "/office/faq\\id-card",
           "/office/%00",
           "/office/index.html%00.css",
           "/office/.kiosk-output",
           "/office/.git/config",
           "/office/faq/.%2e/.%2e/etc",
           "/office/%",
           "/office/%2",
           "/office/%zz/",
           "/office/%e5%bf/",                  // half of a UTF-8 character
           "/office/%c0%ae%c0%ae/etc/passwd",  // overlong UTF-8 for ".."
           "/office/%ff/",
           "office/faq/",
           "http://127.0.0.1/office/",
           "",
       }) {
    EXPECT_EQ(ReadRequestPath(target, "/office/").outcome, Outcome::kRefused) << target;
  }
}

}  // namespace
}  // namespace kiosk::serve
