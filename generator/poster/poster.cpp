#include "poster/poster.h"

#include "base/module.h"
#include "poster/poster_pdf.h"

namespace kiosk {

Result<std::string> RenderPosters(const std::vector<Poster>& posters, const PosterLayout& layout) {
  const Result<void*> entry =
      LoadModule({kPosterModule, "the poster module", kPosterEntry, kPosterBuildSymbol,
                  PosterModuleBuild(), "Debian's libpangocairo-1.0-0"});
  if (!entry) return entry.error();
  const auto draw = reinterpret_cast<void (*)(PosterPdfJob*)>(*entry);
  std::vector<QrCode> codes;
  for (const Poster& poster : posters) {
    Result<QrCode> code = EncodeQr(poster.url, layout.level);
    if (!code) return code.error();
    codes.push_back(std::move(*code));
  }
  PosterPdfJob job;
  job.posters = &posters;
  job.codes = &codes;
  job.layout = &layout;
  draw(&job);
  return std::move(job.pdf);
}

}  // namespace kiosk
