#include "poster/poster.h"

#include <dlfcn.h>
#include <unistd.h>

#include <memory>
#include <optional>

#include "poster/poster_pdf.h"

namespace kiosk {

namespace {

struct ModuleCloser {
  void operator()(void* module) const { dlclose(module); }
};

// The folder of the running program, where the build puts the module.
std::optional<std::string> ProgramFolder() {
  std::string path(4096, '\0');
  const ssize_t length = readlink("/proc/self/exe", path.data(), path.size());
  if (length <= 0 || static_cast<size_t>(length) >= path.size()) return std::nullopt;
  path.resize(static_cast<size_t>(length));
  return path.substr(0, path.rfind('/'));
}

}  // namespace

Result<std::string> RenderPosters(const std::vector<Poster>& posters, const PosterLayout& layout) {
  std::vector<QrCode> codes;
  for (const Poster& poster : posters) {
    Result<QrCode> code = EncodeQr(poster.url, layout.level);
    if (!code) return code.error();
    codes.push_back(std::move(*code));
  }
  const std::optional<std::string> folder = ProgramFolder();
  if (!folder) {
    return IoError(kPosterModule,
                   "cannot find the folder of the kiosk program, where the poster "
                   "module is",
                   "run kiosk from a folder it can read");
  }
  const std::string file = *folder + "/" + kPosterModule;
  if (access(file.c_str(), F_OK) != 0) {
    return IoError(
        file, "the poster module is not beside the kiosk program",
        "copy build/" + std::string(kPosterModule) + " next to kiosk: the two are built together");
  }
  // Never unloaded: cairo and fontconfig keep caches until the process ends.
  const std::unique_ptr<void, ModuleCloser> module(
      dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE));
  if (!module) {
    const char* why = dlerror();
    return IoError(file, std::string("cannot load the poster module (") + (why ? why : "") + ")",
                   "install the libraries it needs (Debian's libpangocairo-1.0-0), or build "
                   "kiosk again");
  }
  const auto build = reinterpret_cast<const char* (*)()>(dlsym(module.get(), kPosterBuildSymbol));
  const auto draw = reinterpret_cast<void (*)(PosterPdfJob*)>(dlsym(module.get(), kPosterEntry));
  if (!build || !draw || build() != PosterModuleBuild()) {
    return IoError(file, "the poster module was built with another kiosk",
                   "copy the " + std::string(kPosterModule) + " built with this kiosk beside it");
  }
  PosterPdfJob job;
  job.posters = &posters;
  job.codes = &codes;
  job.layout = &layout;
  draw(&job);
  if (!job.error.empty()) return IoError("", job.error, job.hint);
  return std::move(job.pdf);
}

}  // namespace kiosk
