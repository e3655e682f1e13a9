// The tables of an imported plan, built into a site, against the document's own logical
// grid: every cell's text, every rowspan and colspan, every list in a cell. The grid is read
// from the document by the importer's readers; the page is built by `kiosk build` and read
// back as a browser's DOM (tidy, as the checker does), so the comparison spans the whole way
// from the office's file to the published page.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "check/html_document.h"
#include "fs/file_system.h"
#include "import/importer.h"
#include "import/odf_reader.h"
#include "import/ooxml_reader.h"
#include "markdown/markdown.h"
#include "support/site_fixture.h"

namespace kiosk::import {
namespace {

// A cell as it appears in a grid: where it starts, its spans, its text without any spaces
// (the document's and the page's spacing differ), and how many items each list in it has.
struct GridCell {
  int row = 0;
  int column = 0;
  int row_span = 1;
  int col_span = 1;
  std::string text;
  std::vector<int> lists;

  bool operator==(const GridCell&) const = default;
};

std::ostream& operator<<(std::ostream& out, const GridCell& cell) {
  out << "(" << cell.row << "," << cell.column << " span " << cell.row_span << "x" << cell.col_span
      << " lists";
  for (int items : cell.lists) out << " " << items;
  return out << ") " << cell.text;
}

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (size_t at = 0; at < text.size(); ++at) {
    const unsigned char c = text[at];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    if (text.substr(at, 3) == "\u3000") {  // an ideographic space
      at += 2;
      continue;
    }
    out += text[at];
  }
  return out;
}

// The document's side: the cells of a table of the model.
void ListSizes(const Blocks& blocks, std::vector<int>& lists) {
  for (const Block& block : blocks) {
    const auto* list = std::get_if<List>(&block.content);
    if (!list) continue;
    lists.push_back(static_cast<int>(list->items.size()));
    for (const ListItem& item : list->items) ListSizes(item.blocks, lists);
  }
}

std::string DocumentText(const Blocks& blocks) {
  std::string text;
  for (const Block& block : blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) text += PlainText(paragraph->inlines);
    if (const auto* list = std::get_if<List>(&block.content)) {
      for (const ListItem& item : list->items) {
        // An ordered list's numbers are the browser's; other labels are text.
        text += (list->ordered ? "" : item.label) + DocumentText(item.blocks);
      }
    }
  }
  return WithoutSpaces(text);
}

std::vector<GridCell> DocumentGrid(const Table& table) {
  std::vector<GridCell> cells;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (int c = 0; c < table.columns; ++c) {
      const auto& cell = table.rows[r][c];
      if (!cell) continue;
      GridCell grid{static_cast<int>(r), c, cell->row_span, cell->col_span, DocumentText(cell->blocks), {}};
      ListSizes(cell->blocks, grid.lists);
      cells.push_back(std::move(grid));
    }
  }
  return cells;
}

// The page's side: the cells of each <table>, placed on the grid as a browser places them.
void HtmlListSizes(const check::HtmlDocument& page, int node, std::vector<int>& lists) {
  for (int child : page.node(node).children) {
    const check::HtmlNode& element = page.node(child);
    if (!element.is_element()) continue;
    if (element.name == "ol" || element.name == "ul") {
      int items = 0;
      for (int item : element.children) items += page.node(item).name == "li";
      lists.push_back(items);
    }
    HtmlListSizes(page, child, lists);
  }
}

std::vector<std::vector<GridCell>> PageGrids(const check::HtmlDocument& page) {
  std::vector<std::vector<GridCell>> grids;
  for (int id = 0; id < static_cast<int>(page.nodes().size()); ++id) {
    if (page.node(id).name != "table") continue;
    std::vector<GridCell> cells;
    std::map<std::pair<int, int>, bool> taken;
    int row = 0;
    const std::function<void(int)> rows = [&](int node) {
      for (int child : page.node(node).children) {
        const check::HtmlNode& element = page.node(child);
        if (element.name == "thead" || element.name == "tbody") {
          rows(child);
        } else if (element.name == "tr") {
          int column = 0;
          for (int td : element.children) {
            const check::HtmlNode& cell = page.node(td);
            if (cell.name != "td" && cell.name != "th") continue;
            while (taken[{row, column}]) ++column;
            GridCell grid;
            grid.row = row;
            grid.column = column;
            grid.row_span = cell.Find("rowspan") ? std::stoi(*cell.Find("rowspan")) : 1;
            grid.col_span = cell.Find("colspan") ? std::stoi(*cell.Find("colspan")) : 1;
            grid.text = WithoutSpaces(page.TextContent(td));
            HtmlListSizes(page, td, grid.lists);
            for (int r = row; r < row + grid.row_span; ++r) {
              for (int c = column; c < column + grid.col_span; ++c) taken[{r, c}] = true;
            }
            column += grid.col_span;
            cells.push_back(std::move(grid));
          }
          ++row;
        }
      }
    };
    rows(id);
    grids.push_back(std::move(cells));
  }
  return grids;
}

std::string ReadDisk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Document ReadModel(const std::string& path) {
  const std::string bytes = ReadDisk(path);
  auto archive = ZipArchive::Open(bytes, path);
  EXPECT_TRUE(archive.ok());
  Diagnostics warnings;
  Result<Document> document = path.ends_with(".odt") ? ReadOdf(**archive, warnings)
                                                     : ReadOoxml(**archive, warnings);
  EXPECT_TRUE(document.ok());
  return std::move(*document);
}

std::vector<const Table*> Tables(const Document& document) {
  std::vector<const Table*> tables;
  for (const Block& block : document.blocks) {
    if (const auto* table = std::get_if<Table>(&block.content)) tables.push_back(table);
  }
  return tables;
}

class ImportedTables : public ::testing::TestWithParam<std::string> {};

TEST_P(ImportedTables, TheBuiltTablesAreTheDocumentsGrids) {
  const std::string document = testing::TestsDir() + "/import/documents/" + GetParam();
  const Document model = ReadModel(document);
  const std::vector<const Table*> tables = Tables(model);
  ASSERT_FALSE(tables.empty());

  testing::SiteFixture site;
  DiskFileSystem disk;
  ImportOptions options;
  options.document = document;
  options.output = site.site_dir() + "/content/plans/plan.zh-TW.md";
  options.type = PageType::kPlan;
  ASSERT_EQ(ImportDocument(disk, options).exit_status, 0);
  // A picture without a description is described, as a person does before publishing.
  std::string page = site.Read("content/plans/plan.zh-TW.md");
  for (size_t at; (at = page.find("![請輸入替代文字]")) != std::string::npos;) {
    page.replace(at, std::string("![請輸入替代文字]").size(), "![辦公室的服務櫃檯]");
  }
  site.Write("content/plans/plan.zh-TW.md", page);
  const BuildResult built = site.Build();
  ASSERT_TRUE(built.ok()) << testing::Describe(built);

  auto html = check::HtmlDocument::Parse(site.ReadOutput("plans/plan/index.html"));
  ASSERT_TRUE(html.ok());
  const std::vector<std::vector<GridCell>> grids = PageGrids(*html);
  ASSERT_EQ(grids.size(), tables.size());
  for (size_t t = 0; t < tables.size(); ++t) {
    SCOPED_TRACE("table " + std::to_string(t + 1));
    const std::vector<GridCell> expected = DocumentGrid(*tables[t]);
    ASSERT_EQ(grids[t].size(), expected.size());
    for (size_t c = 0; c < expected.size(); ++c) EXPECT_EQ(grids[t][c], expected[c]);
  }
  // What the page must not show.
  for (const char* absent : {"頁，共", "第 1 頁"}) {
    EXPECT_EQ(site.ReadOutput("plans/plan/index.html").find(absent), std::string::npos) << absent;
  }
}

INSTANTIATE_TEST_SUITE_P(Plans, ImportedTables,
                         ::testing::Values("recycling-plant-2021-plan.odt",
                                           "recycling-plant-2021-plan.docx",
                                           "libreoffice/recycling-plant-2021-plan.odt",
                                           "libreoffice/recycling-plant-2021-plan.docx",
                                           "gangshan-2018-plan.odt", "gangshan-2018-plan.docx",
                                           "libreoffice/gangshan-2018-plan.odt",
                                           "libreoffice/gangshan-2018-plan.docx"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-' || c == '.' || c == '/') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace kiosk::import
