#include "serve/entity_tag.h"

#include <gtest/gtest.h>

namespace kiosk::serve {
namespace {

TEST(EntityTagTest, AVersionIsItsSizeTimeAndGeneration) {
  const std::string tag = EntityTag(16509, 1765143480123456789, 3);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_NE(tag, EntityTag(16510, 1765143480123456789, 3));
  EXPECT_NE(tag, EntityTag(16509, 1765143480123456790, 3));
  // A page served with another generation's live-reload script is another version.
  EXPECT_NE(tag, EntityTag(16509, 1765143480123456789, 4));
}

TEST(EntityTagTest, IfNoneMatchListsTagsWeakOrStrong) {
  const std::string tag = EntityTag(1, 2, 3);
  EXPECT_TRUE(EntityTagMatches(tag, tag));
  EXPECT_TRUE(EntityTagMatches("W/" + tag, tag));
  EXPECT_TRUE(EntityTagMatches("\"old\", " + tag, tag));
  EXPECT_TRUE(EntityTagMatches(" " + tag + " ,\"later\"", tag));
  EXPECT_TRUE(EntityTagMatches("*", tag));
  EXPECT_FALSE(EntityTagMatches("", tag));
  EXPECT_FALSE(EntityTagMatches(EntityTag(1, 2, 4), tag));
  EXPECT_FALSE(EntityTagMatches("\"old\", W/\"older\"", tag));
}

}  // namespace
}  // namespace kiosk::serve
