// `kiosk poster`: QR posters of chosen pages, as one PDF for the counters' printer.
#include <cstdio>
#include <memory>

#include "addresses/published.h"
#include "cli/commands.h"
#include "fs/file_system.h"
#include "poster/print_posters.h"

namespace kiosk::cli {
namespace {

int RunPoster(const CLI::App& command, PosterOptions& options) {
  const PosterRequest& request = options.request;
  if (request.pages.empty() && request.section.empty() && request.department.empty()) {
    return UsageError(command, "choose pages with --page, --section or --department");
  }
  DiskFileSystem disk;
  if (disk.IsDirectory(options.output)) {
    return UsageError(command, "-o " + options.output +
                                   " is a folder; name the PDF inside it, as in -o " +
                                   JoinPath(options.output, "posters.pdf"));
  }
  options.site.site_dir = PlainFolder(options.site.site_dir);
  options.site.display_dir = options.site.site_dir == "." ? "" : options.site.site_dir;

  const PosterResult result = PrintPosters(disk, options);
  PrintDiagnostics(result.diagnostics);
  if (!result.ok()) {
    std::fprintf(stderr, "kiosk: no posters were made\n");
    return kExitContentError;
  }
  std::printf("kiosk: wrote %zu %s (%s) to %s; %s counts them\n", result.posters,
              result.posters == 1 ? "poster" : "posters",
              options.size == PaperSize::kA4 ? "A4" : "A3", options.output.c_str(),
              JoinPath(options.site.display_dir, kPublishedFile).c_str());
  return kExitOk;
}

}  // namespace

Command AddPosterCommand(CLI::App& kiosk) {
  auto options = std::make_shared<PosterOptions>();
  CLI::App* poster = kiosk.add_subcommand("poster", R"(print-ready QR posters of pages, as one PDF

Makes a print-ready PDF with one QR poster per page: the office's name, the page's title
in both languages, a QR code of the page's address (at least 8 cm wide on A4), the address
as text, the phone number, the service hours and how to scan, in both languages. Each
poster is counted in SITE_DIR/published.txt, so that a build that would drop a printed
address says how many posters carry it.)");
  poster->add_option("SITE_DIR", options->site.site_dir, "the site's folder");
  const std::string choose = "Choose the pages (any combination)";
  poster
      ->add_option("--page", options->request.pages,
                   "pages by their file: content/faq/id-card.zh-TW.md, or faq/id-card for the "
                   "default language (several paths may follow one --page)")
      ->type_name("CONTENT_PATH")
      ->group(choose);
  poster->add_option("--section", options->request.section,
                     "every page of a section (a folder under content/)")
      ->type_name("NAME")
      ->group(choose);
  poster->add_option("--department", options->request.department,
                     "every page of a department in site.yaml")
      ->type_name("ID")
      ->group(choose);
  AddCheckedOption<PaperSize>(
      *poster, "--size", options->size,
      [](std::string_view size) -> std::optional<PaperSize> {
        if (size == "A4") return PaperSize::kA4;
        if (size == "A3") return PaperSize::kA3;
        return std::nullopt;
      },
      "A4|A3", "A4 or A3", "paper size (default A4)");
  poster->add_option("-o,--output", options->output, "where to write the PDF (default: posters.pdf)")
      ->type_name("FILE.pdf");
  poster->footer(R"(Example: the yearly reprint of the civil affairs section's posters:
  kiosk poster --department civil -o civil-posters.pdf

Exit status: 0 success, 1 errors in the site or an unknown page, 2 wrong usage.)");
  return {poster, [poster, options] { return RunPoster(*poster, *options); }};
}

}  // namespace kiosk::cli
