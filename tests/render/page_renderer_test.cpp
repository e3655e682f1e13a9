#include "render/page_renderer.h"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(FormatDate, WritesGregorianAndMinguoYears) {
  const Date date = *ParseDate("2026-11-01");
  EXPECT_EQ(FormatDate(date, "{yyyy} 年 {m} 月 {d} 日", ""), "2026 年 11 月 1 日");
  EXPECT_EQ(FormatDate(date, "民國 {roc} 年 {mm} 月 {dd} 日", ""), "民國 115 年 11 月 01 日");
}

TEST(FormatDate, UsesMonthNames) {
  const Date date = *ParseDate("2026-03-09");
  EXPECT_EQ(FormatDate(date, "{d} {month} {yyyy}",
                       "January, February, March, April, May, June, July, August, September, "
                       "October, November, December"),
            "9 March 2026");
  EXPECT_EQ(FormatDate(date, "{month}/{d}", ""), "3/9") << "without names, the month number";
}

TEST(FormatDate, LeavesOtherBracesAlone) {
  EXPECT_EQ(FormatDate(*ParseDate("2026-01-02"), "{x} {yyyy}", ""), "{x} 2026");
}

}  // namespace
}  // namespace kiosk
