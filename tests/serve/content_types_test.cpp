#include "serve/content_types.h"

#include <gtest/gtest.h>

namespace kiosk::serve {
namespace {

TEST(ServedContentTypesTest, TextCarriesItsCharset) {
  EXPECT_EQ(ContentTypeOf("faq/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("css/site.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("js/search.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("search-index.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("data/faq.csv"), "text/csv; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("faq/id-card/qr.svg"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("sitemap.xml"), "application/xml; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("en/feed.xml"), "application/atom+xml; charset=utf-8");
}

TEST(ServedContentTypesTest, FormsImagesAndTheUnknown) {
  EXPECT_EQ(ContentTypeOf("forms/transcript.odt"), "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(ContentTypeOf("forms/TRANSCRIPT.PDF"), "application/pdf");
  EXPECT_EQ(ContentTypeOf("faq/id-card/qr.png"), "image/png");
  EXPECT_EQ(ContentTypeOf("forms/old.doc"), "application/msword");
  EXPECT_EQ(ContentTypeOf("README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeOf("archive.7z"), "application/octet-stream");
}

}  // namespace
}  // namespace kiosk::serve
