#include "poster/print_posters.h"

#include <memory>
#include <string_view>
#include <vector>

#include "addresses/published.h"

namespace kiosk {

PosterResult PrintPosters(FileSystem& fs, const PosterOptions& options) {
  PosterResult posters;
  BuildResult loaded;
  const std::unique_ptr<LoadedSite> site = LoadSite(fs, options.site, loaded);
  posters.diagnostics = std::move(loaded.diagnostics);
  if (!site) return posters;
  const std::vector<int> pages =
      SelectPosterPages(site->site, options.request, posters.diagnostics);
  if (posters.diagnostics.has_errors()) return posters;

  std::vector<Poster> chosen;
  for (int page : pages) chosen.push_back(MakePoster(site->site, site->theme, page));
  const PosterLayout layout{.size = options.size, .level = site->config.config->qr.print_level};
  const Result<std::string> pdf = RenderPosters(chosen, layout);
  if (!pdf) {
    posters.diagnostics.add(pdf.error());
    return posters;
  }
  // The addresses printed are kept, before the PDF is written: a poster counted and never
  // printed costs nothing, a poster printed and not counted could be dropped unnoticed.
  // (An -o that cannot take the PDF is refused first, so that nothing is counted for it.)
  if (const Status allowed = CheckPostersPath(fs, options.output); !allowed) {
    posters.diagnostics.add(allowed.error());
    return posters;
  }
  std::vector<std::string> printed;
  for (int page : pages) printed.push_back("/" + site->site.QrPath(site->site.page(page)));
  if (const Status recorded = RecordPosters(fs, options.site.site_dir, options.site.display_dir,
                                            site->config.config->written_base_url, printed);
      !recorded) {
    posters.diagnostics.add(recorded.error());
    return posters;
  }
  if (const Status written = WritePosters(fs, options.output, *pdf); !written) {
    posters.diagnostics.add(written.error());
    return posters;
  }
  posters.posters = chosen.size();
  return posters;
}

}  // namespace kiosk
