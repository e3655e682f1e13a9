#include "qr/qr_code.h"

#include <qrencode.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "base/text.h"

namespace kiosk {

namespace {

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

QRecLevel ToLibraryLevel(QrLevel level) {
  switch (level) {
    case QrLevel::kL:
      return QR_ECLEVEL_L;
    case QrLevel::kM:
      return QR_ECLEVEL_M;
    case QrLevel::kQ:
      return QR_ECLEVEL_Q;
    case QrLevel::kH:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

std::optional<QrLevel> ParseQrLevel(std::string_view text) {
  if (text == "L") return QrLevel::kL;
  if (text == "M") return QrLevel::kM;
  if (text == "Q") return QrLevel::kQ;
  if (text == "H") return QrLevel::kH;
  return std::nullopt;
}

Result<QrCode> EncodeQr(std::string_view text, QrLevel level) {
  const std::string data(text);
  std::unique_ptr<QRcode, QrDeleter> code(
      QRcode_encodeString8bit(data.c_str(), 0, ToLibraryLevel(level)));
  if (!code) {
    return IoError("", "cannot make a QR code of '" + ShortenText(data, 80) + "'",
                   "shorten the URL (a short_url helps)");
  }
  const int size = code->width;
  std::vector<bool> modules(static_cast<size_t>(size) * size);
  for (size_t i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1;
  return QrCode(size, std::move(modules));
}

std::string QrSvgPath(const QrCode& code) {
  std::string path;
  path.reserve(static_cast<size_t>(code.size()) * code.size());
  const auto number = [&path](int value) {
    char digits[12];
    path.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  };
  // One "h" run per horizontal stretch of dark modules keeps the path short.
  for (int y = 0; y < code.size(); ++y) {
    for (int x = 0; x < code.size();) {
      if (!code.dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.size() && code.dark(x + run, y)) ++run;
      path += 'M';
      number(x + kQrQuietZone);
      path += ' ';
      number(y + kQrQuietZone);
      path += 'h';
      number(run);
      path += "v1h-";
      number(run);
      path += 'z';
      x += run;
    }
  }
  return path;
}

std::string QrSvg(const QrCode& code, std::string_view path, std::string_view title,
                  std::string_view id) {
  const std::string n = std::to_string(code.size() + 2 * kQrQuietZone);
  const std::string title_id = std::string(id) + "-title";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
         "\" role=\"img\" aria-labelledby=\"" + title_id +
         "\" shape-rendering=\"crispEdges\">"
         "<title id=\"" +
         title_id + "\">" + EscapeHtml(title) +
         "</title>"
         "<rect width=\"" +
         n + "\" height=\"" + n +
         "\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" +
         std::string(path) + "\"/></svg>";
}

namespace {

void AppendBigEndian(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void AppendChunk(std::string& png, std::string_view type, std::string_view data) {
  AppendBigEndian(png, static_cast<uint32_t>(data.size()));
  const size_t start = png.size();
  png.append(type);
  png.append(data);
  const auto* bytes = reinterpret_cast<const Bytef*>(png.data() + start);
  AppendBigEndian(png,
                  static_cast<uint32_t>(crc32(0, bytes, static_cast<uInt>(png.size() - start))));
}

}  // namespace

// A 1-bit greyscale PNG, written with zlib: a QR code has two colours, so this is ~30 times
// smaller than an RGB image and quick to compress.
Result<std::string> QrPng(const QrCode& code, int module_pixels) {
  const int modules = code.size() + 2 * kQrQuietZone;
  const uint32_t pixels = static_cast<uint32_t>(modules * module_pixels);
  const size_t row_bytes = (pixels + 7) / 8;
  std::string raw;
  raw.reserve((row_bytes + 1) * pixels);
  std::string row(row_bytes, '\0');
  for (int y = 0; y < modules; ++y) {
    std::fill(row.begin(), row.end(), '\xFF');  // light
    for (int x = 0; x < modules; ++x) {
      const int qx = x - kQrQuietZone;
      const int qy = y - kQrQuietZone;
      if (qx < 0 || qy < 0 || qx >= code.size() || qy >= code.size() || !code.dark(qx, qy))
        continue;
      for (int p = x * module_pixels; p < (x + 1) * module_pixels; ++p) {
        row[p / 8] = static_cast<char>(row[p / 8] & ~(0x80 >> (p % 8)));
      }
    }
    for (int repeat = 0; repeat < module_pixels; ++repeat) {
      raw += '\0';  // filter: none
      raw += row;
    }
  }
  uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(compressed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                Z_BEST_SPEED) != Z_OK) {  // two colours compress well even so
    return IoError("", "cannot encode the QR code as PNG");
  }
  compressed.resize(compressed_size);
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  AppendBigEndian(header, pixels);
  AppendBigEndian(header, pixels);
  header += '\x01';                // bit depth
  header += '\x00';                // colour type: greyscale
  header += std::string(3, '\0');  // compression, filter, interlace
  AppendChunk(png, "IHDR", header);
  AppendChunk(png, "IDAT", compressed);
  AppendChunk(png, "IEND", "");
  return png;
}

}  // namespace kiosk
