// The drawing of posters as PDF, in a module of its own (kiosk-poster.so, beside the kiosk
// program) that only `kiosk poster` loads: cairo and pango bring some forty libraries, and
// loading them would cost every command about 5 ms at start, an unchanged rebuild included.
// The module and kiosk are built together, so C++ types may cross between them.
#pragma once

#include <string>
#include <vector>

#include "poster/poster.h"
#include "qr/qr_code.h"

namespace kiosk {

inline constexpr const char* kPosterModule = "kiosk-poster.so";
inline constexpr const char* kPosterEntry = "kiosk_draw_posters";
inline constexpr const char* kPosterBuildSymbol = "kiosk_poster_build";

// One call to the module: posters and their codes in, the PDF (or what went wrong) out.
struct PosterPdfJob {
  const std::vector<Poster>* posters = nullptr;
  const std::vector<QrCode>* codes = nullptr;  // one per poster
  const PosterLayout* layout = nullptr;
  Result<std::string> pdf = std::string();
};

// What the program and the module must agree on: the version and the size of the types
// that cross, so that a module left from another build is refused rather than called.
inline std::string PosterModuleBuild() {
  return std::string(KIOSK_VERSION) + " " + std::to_string(sizeof(PosterPdfJob)) + " " +
         std::to_string(sizeof(Poster)) + " " + std::to_string(sizeof(PosterLayout)) + " " +
         std::to_string(sizeof(QrCode));
}

}  // namespace kiosk

// The module's entry point (kPosterEntry) and its PosterModuleBuild (kPosterBuildSymbol).
extern "C" void kiosk_draw_posters(kiosk::PosterPdfJob* job);
extern "C" const char* kiosk_poster_build();
