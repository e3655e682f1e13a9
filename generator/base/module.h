// Parts of kiosk built as modules beside the program, each loaded only by the command that
// needs it, as their libraries would slow down the start of every command: kiosk-poster.so
// (cairo and pango, some forty libraries, 5 ms) and kiosk-http.so (cpp-httplib with OpenSSL,
// 3 ms). A module and kiosk are built together, so C++ types may cross between them; each
// module exports what it was built with, so that one left from another build is refused.
#pragma once

#include <string>

#include "base/result.h"

namespace kiosk {

struct ModuleSpec {
  const char* file;          // beside the program: "kiosk-poster.so"
  const char* name;          // for messages: "the poster module"
  const char* entry;         // the function kiosk calls
  const char* build_symbol;  // a function returning the build it was made with
  std::string build;         // what that must be: the version, and the types that cross
  std::string libraries;     // what to install when it cannot be loaded
};

// Loads a module (never unloaded: its libraries keep caches until the process ends), checks
// its build and finds its entry function.
Result<void*> LoadModule(const ModuleSpec& spec);

}  // namespace kiosk
