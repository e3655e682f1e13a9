#include "qr/qr_code.h"

#include <cairo.h>
#include <qrencode.h>

#include <memory>

#include "base/text.h"

namespace kiosk {

namespace {

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
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
    return IoError("", "cannot make a QR code of '" + data + "'",
                   "shorten the URL (a short_url helps)");
  }
  const int size = code->width;
  std::vector<bool> modules(static_cast<size_t>(size) * size);
  for (size_t i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1;
  return QrCode(size, std::move(modules));
}

std::string QrSvg(const QrCode& code, std::string_view title, std::string_view id) {
  const int total = code.size() + 2 * kQrQuietZone;
  std::string path;
  // One "h" run per horizontal stretch of dark modules keeps the path short.
  for (int y = 0; y < code.size(); ++y) {
    for (int x = 0; x < code.size();) {
      if (!code.dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.size() && code.dark(x + run, y)) ++run;
      path += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) +
              "h" + std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string n = std::to_string(total);
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
         path + "\"/></svg>";
}

Result<std::string> QrPng(const QrCode& code, int module_pixels) {
  const int pixels = (code.size() + 2 * kQrQuietZone) * module_pixels;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixels, pixels));
  std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
  cairo_set_source_rgb(context.get(), 1, 1, 1);
  cairo_paint(context.get());
  cairo_set_source_rgb(context.get(), 0, 0, 0);
  for (int y = 0; y < code.size(); ++y) {
    for (int x = 0; x < code.size(); ++x) {
      if (code.dark(x, y)) {
        cairo_rectangle(context.get(), (x + kQrQuietZone) * module_pixels,
                        (y + kQrQuietZone) * module_pixels, module_pixels, module_pixels);
      }
    }
  }
  cairo_fill(context.get());
  cairo_surface_flush(surface.get());
  std::string png;
  const auto append = [](void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  if (cairo_surface_write_to_png_stream(surface.get(), append, &png) != CAIRO_STATUS_SUCCESS) {
    return IoError("", "cannot encode the QR code as PNG");
  }
  return png;
}

}  // namespace kiosk
