// kiosk import on the documents of tests/import/documents/ (made by make_documents.py from
// published plans and an SOP, in both formats): golden pages, the same page from the .odt
// and the .docx, and every kind of bad input. After an intended change of the output,
// rewrite the golden pages with KIOSK_UPDATE_GOLDEN=1 and review the difference.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fs/file_system.h"
#include "import/importer.h"
#include "support/site_fixture.h"

namespace kiosk::import {
namespace {

std::string DocumentsDir() { return testing::TestsDir() + "/import/documents"; }

std::string ReadDisk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// An import into an in-memory file system holding only the document.
struct Imported {
  MemoryFileSystem fs;
  ImportResult result;
  std::string warnings;  // one per line, the document named DOCUMENT
};

std::unique_ptr<Imported> Import(const std::string& document, PageType type,
                                 const std::string& output = "content/plans/page.zh-TW.md",
                                 ZipLimits limits = {}) {
  auto imported = std::make_unique<Imported>();
  const std::string path = "documents/" + document;
  EXPECT_TRUE(imported->fs.WriteFile(path, ReadDisk(DocumentsDir() + "/" + document)).ok());
  ImportOptions options;
  options.document = path;
  options.output = output;
  options.type = type;
  options.limits = limits;
  imported->result = ImportDocument(imported->fs, options);
  for (const Diagnostic& diagnostic : imported->result.diagnostics.items()) {
    std::string line = diagnostic.format();
    if (line.rfind(path, 0) == 0) line = "DOCUMENT" + line.substr(path.size());
    imported->warnings += line + "\n";
  }
  return imported;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = testing::TestsDir() + "/import/golden/" + name;
  if (std::getenv("KIOSK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(actual, ReadDisk(path))
      << "golden file " << path << " (rewrite with KIOSK_UPDATE_GOLDEN=1 if intended)";
}

struct GoldenCase {
  std::string name;
  PageType type;
  friend void PrintTo(const GoldenCase& golden, std::ostream* out) { *out << golden.name; }
};

class ImportGolden : public ::testing::TestWithParam<GoldenCase> {};

// The .docx and the .odt of one document give the same page, byte for byte, and the same
// warnings; so do the .odt and .docx that LibreOffice makes of them.
TEST_P(ImportGolden, BothFormatsGiveTheGoldenPage) {
  const GoldenCase& golden = GetParam();
  // As made by make_documents.py, and as LibreOffice saves each in the other format.
  for (const char* variant : {".docx", ".odt", "libreoffice/.docx", "libreoffice/.odt"}) {
    std::string document = variant;
    document.insert(document.find('.'), golden.name);
    SCOPED_TRACE(document);
    const auto imported = Import(document, golden.type);
    ASSERT_EQ(imported->result.exit_status, 0) << imported->warnings;
    ExpectGolden(golden.name + ".md", imported->result.markdown);
    ExpectGolden(golden.name + ".warnings.txt", imported->warnings);
    EXPECT_EQ(imported->result.written.back(), "content/plans/page.zh-TW.md");
    EXPECT_EQ(imported->fs.ReadFile("content/plans/page.zh-TW.md").value(),
              imported->result.markdown);
  }
}

INSTANTIATE_TEST_SUITE_P(Documents, ImportGolden,
                         ::testing::Values(GoldenCase{"recycling-plant-2021-plan", PageType::kPlan},
                                           GoldenCase{"gangshan-2018-plan", PageType::kPlan},
                                           GoldenCase{"household-transcript-sop", PageType::kSop},
                                           GoldenCase{"household-registration-faq", PageType::kFaq}),
                         [](const auto& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(Import, WhatADocumentHoldsButAPageMustNotShowIsLeftOut) {
  for (const char* document : {"recycling-plant-2021-plan.docx", "recycling-plant-2021-plan.odt"}) {
    SCOPED_TRACE(document);
    const auto imported = Import(document, PageType::kPlan);
    const std::string& page = imported->result.markdown;
    for (const char* absent : {"中區資源回收廠\n",  // the page header, alone on its line
                               "第 1 頁", "頁，共",   // the footer's page numbers
                               "全體同仁",            // a tracked deletion
                               "請總務室確認",        // a comment
                               "此段不對外公布",      // hidden text
                               "工 作"}) {            // letter-spacing
      EXPECT_EQ(page.find(absent), std::string::npos) << absent;
    }
    for (const char* present : {"本廠各組室及駐廠志工。",  // a tracked insertion
                                "工作要項", "## 附註", "[註1](#附註)"}) {
      EXPECT_NE(page.find(present), std::string::npos) << present;
    }
  }
}

TEST(Import, ImagesAreNamedAfterThePageAndWrittenBesideIt) {
  const auto imported = Import("recycling-plant-2021-plan.odt", PageType::kPlan,
                               "content/plans/recycling.zh-TW.md");
  ASSERT_EQ(imported->result.exit_status, 0) << imported->warnings;
  EXPECT_EQ(imported->result.written,
            (std::vector<std::string>{"content/plans/recycling-1.png", "content/plans/recycling.zh-TW.md"}));
  EXPECT_TRUE(imported->fs.ReadFile("content/plans/recycling-1.png").value().starts_with("\x89PNG"));
  EXPECT_NE(imported->result.markdown.find(
                "![本廠提升服務計畫的推動流程：訂定計畫、各組室執行、自我檢核、年度結束後提報成果。]"
                "(recycling-1.png)"),
            std::string::npos);
}

TEST(Import, AnExistingPageIsReplacedOnlyWithForce) {
  auto imported = std::make_unique<Imported>();
  MemoryFileSystem& fs = imported->fs;
  ASSERT_TRUE(fs.WriteFile("plan.odt", ReadDisk(DocumentsDir() + "/recycling-plant-2021-plan.odt")).ok());
  ASSERT_TRUE(fs.WriteFile("content/plan.md", "mine").ok());
  ImportOptions options;
  options.document = "plan.odt";
  options.output = "content/plan.md";
  ImportResult refused = ImportDocument(fs, options);
  EXPECT_EQ(refused.exit_status, ImportResult::kUsage);
  EXPECT_EQ(refused.diagnostics.items().at(0).format(),
            "content/plan.md: error: the file exists already — add --force to replace it, or "
            "choose another -o");
  EXPECT_EQ(fs.ReadFile("content/plan.md").value(), "mine");
  // Its image is in the way too.
  ASSERT_TRUE(fs.WriteFile("content/other.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/plan-1.png", "old").ok());
  ASSERT_TRUE(fs.RemoveAll("content/plan.md").ok());
  EXPECT_EQ(ImportDocument(fs, options).exit_status, ImportResult::kUsage);
  EXPECT_FALSE(fs.IsFile("content/plan.md"));
  options.force = true;
  EXPECT_EQ(ImportDocument(fs, options).exit_status, 0);
  EXPECT_TRUE(fs.ReadFile("content/plan-1.png").value().starts_with("\x89PNG"));
}

TEST(Import, WrongUsage) {
  MemoryFileSystem fs;
  ImportOptions options;
  options.document = "plan.odt";
  options.output = "plan.html";
  const ImportResult result = ImportDocument(fs, options);
  EXPECT_EQ(result.exit_status, ImportResult::kUsage);
  EXPECT_EQ(result.diagnostics.items().at(0).format(),
            "plan.html: error: the page must be a Markdown file — name it with .md, e.g. -o "
            "content/plans/service-plan.zh-TW.md");
}

struct BadCase {
  std::string document;
  std::string message;  // the error, after "DOCUMENT: error: "
  friend void PrintTo(const BadCase& bad, std::ostream* out) { *out << bad.document; }
};

class ImportBadInput : public ::testing::TestWithParam<BadCase> {};

// A clear error with the file's name, exit status 1, and nothing written.
TEST_P(ImportBadInput, IsAClearErrorAndWritesNothing) {
  const BadCase& bad = GetParam();
  const auto imported = Import("bad/" + bad.document, PageType::kPage);
  EXPECT_EQ(imported->result.exit_status, ImportResult::kUnreadable);
  EXPECT_EQ(imported->warnings.substr(0, imported->warnings.find(" — ")),
            "DOCUMENT: error: " + bad.message);
  EXPECT_NE(imported->warnings.find(" — "), std::string::npos) << "says how to fix it";
  EXPECT_EQ(imported->fs.files().size(), 1u) << "only the document itself";
  EXPECT_TRUE(imported->result.markdown.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Documents, ImportBadInput,
    ::testing::Values(
        BadCase{"not-a-zip.docx", "this is not an .odt or .docx document (not a zip archive)"},
        BadCase{"photos.docx", "this is a zip archive, but not an .odt or .docx document"},
        BadCase{"budget.ods",
                "this ODF document is not a text document (application/vnd.oasis.opendocument.spreadsheet)"},
        BadCase{"password.docx", "the document is password-protected"},
        BadCase{"password.odt", "the document is password-protected"},
        BadCase{"old.doc",
                "this is an old binary document (Word .doc, Works or WPS .wps), which kiosk does not read"},
        BadCase{"old.wps",
                "this is an old binary document (Word .doc, Works or WPS .wps), which kiosk does not read"},
        BadCase{"truncated.docx",
                "the document is truncated or damaged (its zip directory cannot be read)"},
        BadCase{"bomb.docx",
                "the document unpacks to more than 128 MB ('word/media/image1.png'), which no real "
                "document does: it may be a zip bomb"},
        BadCase{"entities.docx",
                "the part 'word/document.xml' declares a DTD or entities, which documents saved by "
                "LibreOffice or Word never do; it is not read"}),
    [](const auto& info) {
      std::string name = info.param.document;
      for (char& c : name) {
        if (c == '-' || c == '.') c = '_';
      }
      return name;
    });

// The XML parts are streamed against the limit too, whatever sizes the zip claims.
TEST(Import, AnXmlPartOverTheLimitStops) {
  ZipLimits limits;
  limits.entry_bytes = 16 << 10;
  const auto imported = Import("recycling-plant-2021-plan.docx", PageType::kPlan, "page.md", limits);
  EXPECT_EQ(imported->result.exit_status, ImportResult::kUnreadable);
  EXPECT_NE(imported->warnings.find("the document unpacks to more than 0 MB ('word/"),
            std::string::npos)
      << imported->warnings;
}

TEST(Import, AWarningInATableNamesTheCell) {
  const auto imported = Import("bad/textbox-in-cell.docx", PageType::kPage, "content/times.md");
  ASSERT_EQ(imported->result.exit_status, 0) << imported->warnings;
  EXPECT_NE(imported->warnings.find("DOCUMENT:table 1 row 1 cell 2: warning: the text of a text box is "
                                    "left out — move the text out of the text box into the document's body"),
            std::string::npos)
      << imported->warnings;
  EXPECT_EQ(imported->result.markdown.find("請洽櫃檯"), std::string::npos);
}

// Entry names with `..` or absolute paths, and links to them: nothing is written but the
// page and an image named by kiosk, in the page's folder.
TEST(Import, EntryNamesNeverBecomePaths) {
  const auto imported = Import("bad/dotdot.docx", PageType::kPage, "content/map.md");
  ASSERT_EQ(imported->result.exit_status, 0) << imported->warnings;
  EXPECT_EQ(imported->result.written,
            (std::vector<std::string>{"content/map-1.png", "content/map.md"}));
  for (const auto& [path, bytes] : imported->fs.files()) {
    EXPECT_TRUE(path.starts_with("content/") || path.starts_with("documents/")) << path;
  }
  EXPECT_NE(imported->warnings.find("DOCUMENT:paragraph 2: warning: a drawing"), std::string::npos)
      << imported->warnings;
}

}  // namespace
}  // namespace kiosk::import
