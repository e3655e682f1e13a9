// QR codes: libqrencode behind a small value type, and the SVG and PNG images kiosk writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kiosk {

// Error-correction level: how much of the symbol may be damaged or covered (L 7%, M 15%,
// Q 25%, H 30%). Print uses a higher level than screens, as paper gets scratched.
enum class QrLevel { kL, kM, kQ, kH };

std::optional<QrLevel> ParseQrLevel(std::string_view text);

// The four light modules around a symbol that scanners need to find it.
inline constexpr int kQrQuietZone = 4;

class QrCode {
 public:
  QrCode(int size, std::vector<bool> modules) : size_(size), modules_(std::move(modules)) {}
  int size() const { return size_; }  // modules per side, without the quiet zone
  bool dark(int x, int y) const { return modules_[static_cast<size_t>(y) * size_ + x]; }

 private:
  int size_;
  std::vector<bool> modules_;
};

// Encodes text (a URL) in byte mode, choosing the smallest version that fits.
Result<QrCode> EncodeQr(std::string_view text, QrLevel level);

// The symbol's dark modules as one SVG path, offset by the quiet zone.
std::string QrSvgPath(const QrCode& code);

// An SVG image of the symbol with its quiet zone, drawn with `path` (QrSvgPath of the code,
// made once for the images of a page). `title` is its accessible name; `id` makes the
// title's id unique in a page.
std::string QrSvg(const QrCode& code, std::string_view path, std::string_view title,
                  std::string_view id);

// A PNG image of the symbol with its quiet zone, `module_pixels` pixels per module.
Result<std::string> QrPng(const QrCode& code, int module_pixels);

}  // namespace kiosk
