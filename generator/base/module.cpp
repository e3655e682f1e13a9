#include "base/module.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

#include "fs/file_system.h"

namespace kiosk {

Result<void*> LoadModule(const ModuleSpec& spec) {
  const std::string program = ProgramPath();
  if (program.empty()) {
    return IoError(
        spec.file,
        "cannot find the folder of the kiosk program, where " + std::string(spec.name) + " is",
        "run kiosk from a folder it can read");
  }
  // Beside the program, as the build leaves them, or where `cmake --install` and the .deb
  // put it, relative to the program's folder (bin/../lib/kiosk/), so that an installed kiosk
  // works from any folder, and a copy of the whole tree too.
  const std::string beside = JoinPath(ParentPath(program), spec.file);
  const std::string installed =
      (std::filesystem::path(ParentPath(program)) / KIOSK_INSTALLED_MODULE_DIR / spec.file)
          .lexically_normal()
          .string();
  const std::string file = access(beside.c_str(), F_OK) == 0 ? beside : installed;
  void* module = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!module && access(file.c_str(), F_OK) != 0) {
    return IoError(beside,
                   std::string(spec.name) + " is not beside the kiosk program, nor at " + installed,
                   "copy build/" + std::string(spec.file) +
                       " next to kiosk: the two are built together (cmake --install puts both "
                       "where they find each other)");
  }
  if (!module) {
    const char* why = dlerror();
    return IoError(file, "cannot load " + std::string(spec.name) + " (" + (why ? why : "") + ")",
                   "install the libraries it needs (" + spec.libraries + "), or build kiosk again");
  }
  const auto build = reinterpret_cast<const char* (*)()>(dlsym(module, spec.build_symbol));
  void* entry = dlsym(module, spec.entry);
  if (!build || build() != spec.build || !entry) {
    return IoError(file, std::string(spec.name) + " was built with another kiosk",
                   "copy the " + std::string(spec.file) + " built with this kiosk beside it");
  }
  return entry;
}

}  // namespace kiosk
