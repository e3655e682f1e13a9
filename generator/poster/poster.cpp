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

Status CheckPostersPath(const FileSystem& fs, const std::string& path) {
  switch (fs.Kind(path)) {
    case PathKind::kMissing:
    case PathKind::kFile:
      break;
    case PathKind::kFolder:
      return IoError(path, "-o names a folder",
                     "name the PDF inside it, as in -o " + JoinPath(path, "posters.pdf"));
    case PathKind::kLink:
      return IoError(path, "-o names a symbolic link, which kiosk does not write through",
                     "name the PDF itself, or a new file");
    case PathKind::kOther:
      return IoError(path, "-o names a device, FIFO or socket, not a file",
                     "name a new file or a PDF to replace, e.g. -o posters.pdf");
  }
  return Status::Ok();
}

Status WritePosters(FileSystem& fs, const std::string& path, std::string_view pdf) {
  if (Status allowed = CheckPostersPath(fs, path); !allowed) return allowed;
  return ReplaceFile(fs, path, path + ".kiosk-partial", {&pdf, 1});
}

}  // namespace kiosk
