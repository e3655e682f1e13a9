#include "poster/poster.h"

#include <dlfcn.h>
#include <unistd.h>

#include <memory>

#include "poster/poster_pdf.h"

namespace kiosk {

namespace {

struct ModuleCloser {
  void operator()(void* module) const { dlclose(module); }
};

// The folder of the running program, where the build puts the module.
std::string ProgramFolder() {
  std::string path(4096, '\0');
  const ssize_t length = readlink("/proc/self/exe", path.data(), path.size());
  if (length <= 0) return ".";
  path.resize(static_cast<size_t>(length));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

Result<std::string> RenderPosters(const std::vector<Poster>& posters, const PosterLayout& layout) {
  std::vector<QrCode> codes;
  for (const Poster& poster : posters) {
    Result<QrCode> code = EncodeQr(poster.url, layout.level);
    if (!code) return code.error();
    codes.push_back(std::move(*code));
  }
  const std::string file = ProgramFolder() + "/" + kPosterModule;
  const std::unique_ptr<void, ModuleCloser> module(dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!module) {
    const char* why = dlerror();
    return IoError(file, std::string("cannot load the poster module: ") + (why ? why : "unknown"),
                   "build kiosk with CMake, which puts the module beside the program, and copy "
                   "it along when you copy the program");
  }
  const auto draw = reinterpret_cast<void (*)(PosterPdfJob*)>(dlsym(module.get(), kPosterEntry));
  if (!draw) return IoError(file, "the poster module is not kiosk's", "build kiosk again");
  PosterPdfJob job;
  job.posters = &posters;
  job.codes = &codes;
  job.layout = &layout;
  draw(&job);
  if (!job.error.empty()) return IoError("", job.error, job.hint);
  return std::move(job.pdf);
}

}  // namespace kiosk
