// A page's summary in the build log: what places an unchanged page in the site without
// parsing it again.
#include "incremental/build_log.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "fs/file_system.h"

namespace kiosk {
namespace {

SourcePage APage() {
  SourcePage page;
  page.title = "申請戶籍謄本要帶什麼？";
  page.description = "戶籍謄本";
  page.slug = "transcript";
  page.translation_key = "household/transcript";
  page.department = "civil";
  page.type = "faq";
  page.short_url = "hh1";
  page.layout = "wide";
  page.date = ParseDate("2026-10-01");
  page.updated = ParseDate("2026-11-02");
  page.weight = -3;
  page.draft = true;
  page.aliases = {{"/household/old-transcript/", {"content/old.md", 9, 5}}};
  return page;
}

ContentFile AFile() {
  ContentFile file;
  file.path = "household/transcript.md";
  file.file = "content/household/transcript.md";
  file.section = "household";
  file.language = "zh-TW";
  file.base_name = "transcript";
  return file;
}

TEST(SourceSummaryTest, DecodesWhatWasEncoded) {
  const SourcePage page = APage();
  SourcePage decoded;
  ASSERT_TRUE(DecodeSourceSummary(EncodeSourceSummary(page), AFile(), decoded));
  EXPECT_EQ(decoded.title, page.title);
  EXPECT_EQ(decoded.description, page.description);
  EXPECT_EQ(decoded.slug, page.slug);
  EXPECT_EQ(decoded.translation_key, page.translation_key);
  EXPECT_EQ(decoded.department, page.department);
  EXPECT_EQ(decoded.type, page.type);
  EXPECT_EQ(decoded.short_url, page.short_url);
  EXPECT_EQ(decoded.layout, page.layout);
  ASSERT_TRUE(decoded.date && decoded.updated);
  EXPECT_EQ(decoded.date->iso, "2026-10-01");
  EXPECT_EQ(decoded.updated->iso, "2026-11-02");
  EXPECT_EQ(decoded.weight, -3);
  EXPECT_TRUE(decoded.draft);
  EXPECT_TRUE(decoded.summary_only);
  EXPECT_EQ(decoded.origin.file, "content/household/transcript.md");
  EXPECT_EQ(decoded.slug_where.file, "content/household/transcript.md");
  ASSERT_EQ(decoded.aliases.size(), 1u);
  EXPECT_EQ(decoded.aliases[0].address, "/household/old-transcript/");
  EXPECT_EQ(decoded.aliases[0].where.file, "content/household/transcript.md");
  EXPECT_EQ(decoded.aliases[0].where.line, 9) << "an unchanged file's alias keeps its line";
  EXPECT_EQ(decoded.aliases[0].where.column, 5);
}

TEST(SourceSummaryTest, AbsentDatesAndWeightStayAbsent) {
  SourcePage page = APage();
  page.date.reset();
  page.updated.reset();
  page.weight.reset();
  SourcePage decoded;
  ASSERT_TRUE(DecodeSourceSummary(EncodeSourceSummary(page), AFile(), decoded));
  EXPECT_FALSE(decoded.date);
  EXPECT_FALSE(decoded.updated);
  EXPECT_FALSE(decoded.weight);
}

TEST(SourceSummaryTest, ATruncatedOrLongerSummaryIsRefused) {
  const std::string summary = EncodeSourceSummary(APage());
  for (size_t size = 0; size < summary.size(); ++size) {
    SourcePage decoded;
    EXPECT_FALSE(DecodeSourceSummary(summary.substr(0, size), AFile(), decoded)) << size;
  }
  SourcePage decoded;
  EXPECT_FALSE(DecodeSourceSummary(summary + "x", AFile(), decoded));
}

TEST(SourceSummaryTest, ADateThatDoesNotParseIsRefused) {
  std::string summary = EncodeSourceSummary(APage());
  const size_t date = summary.find("2026-10-01");
  ASSERT_NE(date, std::string::npos);
  summary.replace(date, 10, "2026-13-01");
  SourcePage decoded;
  EXPECT_FALSE(DecodeSourceSummary(summary, AFile(), decoded));
}

// A log with the given pages and record files, written as kiosk writes one, and read back.
std::optional<BuildLog> RoundTrip(std::vector<LoggedPage> pages, std::string& why_not,
                                  std::vector<RecordFileStamp> record_files = {}) {
  MemoryFileSystem fs;
  BuildLog log;
  log.out_dir = "/site/output";
  log.pages = std::move(pages);
  EXPECT_TRUE(WriteBuildLog(fs, ".kiosk/build-log", log, [&] { return record_files; }));
  return LoadBuildLog(fs, ".kiosk/build-log", why_not);
}

TEST(BuildLogTest, PagesAreFoundByTheirFileWithTheirFilesAndRecordLines) {
  const std::string_view faq_files[] = {"faq/index.html", "faq/qr.svg"};
  const std::string_view en_files[] = {"en/index.html"};
  const RecordRun faq_runs[] = {{0, 17, 300}, {1, 12, 0}};
  BuildLog log;
  log.pages = {{"faq/index.html", {1, 2, 3}, faq_files, faq_runs},
               {"en/index.html", {4, 5, 6}, en_files, {}}};
  log.SortPages();
  std::string why_not;
  const std::optional<BuildLog> read =
      RoundTrip(log.pages, why_not,
                {{"data/faq.json", true, 4000, 1234567890123}, {"search-index.json", false, 0, 0}});
  ASSERT_TRUE(read) << why_not;
  const LoggedPage* faq = read->FindPage("faq/index.html");
  ASSERT_TRUE(faq);
  EXPECT_EQ(faq->made_from.neighbours, 3u);
  EXPECT_EQ(std::vector<std::string_view>(faq->files.begin(), faq->files.end()),
            (std::vector<std::string_view>{"faq/index.html", "faq/qr.svg"}));
  ASSERT_EQ(faq->runs.size(), 2u);
  EXPECT_EQ(faq->runs[0].offset, 17u);
  EXPECT_EQ(faq->runs[0].size, 300u);
  EXPECT_EQ(faq->runs[1].file, 1u);
  const LoggedPage* en = read->FindPage("en/index.html");
  ASSERT_TRUE(en);
  EXPECT_EQ(en->made_from.site, 4u);
  EXPECT_EQ(en->files.size(), 1u);
  EXPECT_TRUE(en->runs.empty());
  ASSERT_EQ(read->record_files.size(), 2u);
  EXPECT_EQ(read->record_files[0].path, "data/faq.json");
  EXPECT_TRUE(read->record_files[0].known);
  EXPECT_EQ(read->record_files[0].size, 4000u);
  EXPECT_EQ(read->record_files[0].mtime_ns, 1234567890123);
  EXPECT_FALSE(read->record_files[1].known);
  EXPECT_FALSE(read->FindPage("faq"));
  EXPECT_FALSE(read->FindPage("zz/index.html"));
}

TEST(BuildLogTest, PagesOutOfOrderOrTwiceAreNotALogKioskWrote) {
  std::string why_not;
  EXPECT_FALSE(RoundTrip(
      {{"faq/index.html", {1, 2, 3}, {}, {}}, {"en/index.html", {1, 2, 3}, {}, {}}}, why_not));
  EXPECT_EQ(why_not, "the build log is corrupt");
  EXPECT_FALSE(RoundTrip(
      {{"en/index.html", {1, 2, 3}, {}, {}}, {"en/index.html", {1, 2, 3}, {}, {}}}, why_not));
}

TEST(BuildLogTest, LinesInARecordFileTheLogDoesNotListAreNotALogKioskWrote) {
  const RecordRun runs[] = {{1, 0, 10}};
  std::string why_not;
  EXPECT_FALSE(RoundTrip({{"faq/index.html", {1, 2, 3}, {}, runs}}, why_not,
                         {{"data/faq.json", true, 10, 1}}));
  EXPECT_EQ(why_not, "the build log is corrupt");
  EXPECT_TRUE(RoundTrip({{"faq/index.html", {1, 2, 3}, {}, runs}}, why_not,
                        {{"data/faq.json", true, 10, 1}, {"data/faq.csv", true, 10, 1}}));
}

}  // namespace
}  // namespace kiosk
