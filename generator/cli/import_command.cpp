// `kiosk import`: an office's .odt or .docx document as a kiosk page.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "fs/file_system.h"
#include "import/importer.h"

namespace kiosk::cli {
namespace {

int RunImport(const CLI::App& command, const import::ImportOptions& options) {
  DiskFileSystem disk;
  const import::ImportResult result = import::ImportDocument(disk, options);
  PrintDiagnostics(result.diagnostics);
  if (result.exit_status == import::ImportResult::kUsage) {
    return UsageError(command, "nothing was written");
  }
  if (result.exit_status != kExitOk) {
    std::fprintf(stderr, "kiosk: nothing was written\n");
    return result.exit_status;
  }
  if (options.output.empty()) {
    std::cout << result.markdown;
    return kExitOk;
  }
  const size_t images = result.written.size() - 1;
  std::fprintf(stderr, "kiosk: wrote %s", options.output.c_str());
  if (images > 0) std::fprintf(stderr, " and %zu %s beside it", images, images == 1 ? "image" : "images");
  std::fprintf(stderr, "\n");
  return kExitOk;
}

}  // namespace

Command AddImportCommand(CLI::App& kiosk) {
  auto options = std::make_shared<import::ImportOptions>();
  CLI::App* command = kiosk.add_subcommand("import", R"(an .odt or .docx document as a kiosk page

Turns an office's document (.odt from LibreOffice, .docx from Word or LibreOffice) into a
kiosk page: front matter and Markdown, with headings, lists, tables (merged cells as block
tables), links, footnotes and images. Page headers and footers, comments, tracked
deletions, hidden text and fields such as page numbers are left out.)");
  command->add_option("DOCUMENT", options->document, "the .odt or .docx to import")->required();
  AddCheckedOption<import::PageType>(
      *command, "--type", options->type, import::ParsePageType, "page|plan|sop|faq",
      "page, plan, sop or faq",
      "what kind of page (default page): plan writes 'type: plan'; sop moves the summary "
      "rows, the documents table and the steps into a service page's front matter; faq makes "
      "the questions '##' headings");
  command->add_option("-o,--output", options->output,
                      "write the page there, and its images beside it (default: the page on "
                      "standard output, without images)")
      ->type_name("FILE.md");
  command->add_flag("--force", options->force, "replace FILE.md and its images if they exist");
  command->footer(R"(Warnings name the place in the document: paragraph 12, table 2 row 3 cell 1, image 1.

Example: the annual service plan, into the plans section:
  kiosk import 114年度提升服務計畫.odt --type plan -o content/plans/service-plan-2025.zh-TW.md

Exit status: 0 success, 1 the document cannot be read (nothing is written), 2 wrong usage.)");
  return {command, [command, options] { return RunImport(*command, *options); }};
}

}  // namespace kiosk::cli
