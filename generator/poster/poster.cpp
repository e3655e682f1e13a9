#include "poster/poster.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

#include "fs/file_system.h"
#include "poster/poster_pdf.h"

namespace kiosk {

Result<std::string> RenderPosters(const std::vector<Poster>& posters, const PosterLayout& layout) {
  const std::string program = ProgramPath();
  if (program.empty()) {
    return IoError(kPosterModule,
                   "cannot find the folder of the kiosk program, where the poster "
                   "module is",
                   "run kiosk from a folder it can read");
  }
  // Beside the program, as the build leaves them, or where `cmake --install` and the .deb
  // put it, relative to the program's folder (bin/../lib/kiosk/), so that an installed kiosk
  // works from any folder, and a copy of the whole tree too.
  const std::string beside = JoinPath(ParentPath(program), kPosterModule);
  const std::string installed =
      (std::filesystem::path(ParentPath(program)) / KIOSK_INSTALLED_MODULE_DIR / kPosterModule)
          .lexically_normal()
          .string();
  const std::string file = access(beside.c_str(), F_OK) == 0 ? beside : installed;
  // Never unloaded (cairo and fontconfig keep caches until the process ends), so never
  // closed either.
  void* module = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!module && access(file.c_str(), F_OK) != 0) {
    return IoError(beside,
                   "the poster module is not beside the kiosk program, nor at " + installed,
                   "copy build/" + std::string(kPosterModule) +
                       " next to kiosk: the two are built together (cmake --install puts both "
                       "where they find each other)");
  }
  if (!module) {
    const char* why = dlerror();
    return IoError(file, std::string("cannot load the poster module (") + (why ? why : "") + ")",
                   "install the libraries it needs (Debian's libpangocairo-1.0-0), or build "
                   "kiosk again");
  }
  const auto build = reinterpret_cast<const char* (*)()>(dlsym(module, kPosterBuildSymbol));
  const auto draw = reinterpret_cast<void (*)(PosterPdfJob*)>(dlsym(module, kPosterEntry));
  if (!build || !draw || build() != PosterModuleBuild()) {
    return IoError(file, "the poster module was built with another kiosk",
                   "copy the " + std::string(kPosterModule) + " built with this kiosk beside it");
  }
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

Status WritePosters(FileSystem& fs, const std::string& path, std::string_view pdf) {
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
  return ReplaceFile(fs, path, path + ".kiosk-partial", {&pdf, 1});
}

}  // namespace kiosk
