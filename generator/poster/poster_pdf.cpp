#include "poster/poster_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace kiosk {

namespace {

constexpr double kPointsPerCm = 72 / 2.54;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kBrand{0x0b / 255.0, 0x4a / 255.0, 0x7d / 255.0};
constexpr Rgb kInk{0x1b / 255.0, 0x1f / 255.0, 0x24 / 255.0};
constexpr Rgb kMuted{0x4a / 255.0, 0x53 / 255.0, 0x60 / 255.0};
constexpr Rgb kWhite{1, 1, 1};

// Draws text with Pango: wrapped to a width, and made smaller until it fits a height.
class PosterPainter {
 public:
  PosterPainter(cairo_t* context, const std::string& font, double scale)
      : context_(context), font_(font), scale_(scale) {}

  // Lays out text at `size` points (shrinking down to `min_size` to fit `max_height`), draws
  // it and returns its height.
  double Text(const std::string& text, double x, double y, double width, double size,
              double min_size, double max_height, bool bold, Rgb color,
              PangoAlignment alignment = PANGO_ALIGN_CENTER) {
    if (text.empty()) return 0;
    LayoutPtr layout(pango_cairo_create_layout(context_));
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), alignment);
    double points = size * scale_;
    int text_height = 0;
    for (;; points = std::max(points * 0.92, min_size * scale_)) {
      std::unique_ptr<PangoFontDescription, FontDeleter> description(
          pango_font_description_from_string(font_.c_str()));
      pango_font_description_set_weight(description.get(),
                                        bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_absolute_size(description.get(), points * PANGO_SCALE);
      pango_layout_set_font_description(layout.get(), description.get());
      pango_layout_get_pixel_size(layout.get(), nullptr, &text_height);
      if (text_height <= max_height * scale_ || points <= min_size * scale_) break;
    }
    if (text_height > max_height * scale_) {
      // Still too long at the smallest size: cut it at the height, with an ellipsis.
      pango_layout_set_height(layout.get(), static_cast<int>(max_height * scale_ * PANGO_SCALE));
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size(layout.get(), nullptr, &text_height);
    }
    unknown_glyphs_ += pango_layout_get_unknown_glyphs_count(layout.get());
    cairo_set_source_rgb(context_, color.r, color.g, color.b);
    cairo_move_to(context_, x, y);
    pango_cairo_show_layout(context_, layout.get());
    return text_height;
  }

  int unknown_glyphs() const { return unknown_glyphs_; }

 private:
  cairo_t* context_;
  const std::string& font_;
  double scale_;
  int unknown_glyphs_ = 0;
};

void DrawQr(cairo_t* context, const QrCode& code, double x, double y, double symbol_width) {
  const double module = symbol_width / code.size();
  const double quiet = kQrQuietZone * module;
  cairo_set_source_rgb(context, 1, 1, 1);
  cairo_rectangle(context, x - quiet, y - quiet, symbol_width + 2 * quiet,
                  symbol_width + 2 * quiet);
  cairo_fill(context);
  cairo_set_source_rgb(context, 0, 0, 0);
  for (int row = 0; row < code.size(); ++row) {
    for (int column = 0; column < code.size(); ++column) {
      if (code.dark(column, row)) {
        cairo_rectangle(context, x + column * module, y + row * module, module, module);
      }
    }
  }
  cairo_fill(context);
}

// The QR symbol's printed width without its quiet zone: at least 8 cm on A4.
double QrWidthPoints(PaperSize size) {
  return (size == PaperSize::kA4 ? 9.0 : 13.0) * kPointsPerCm;
}

Result<std::string> DrawPosters(const std::vector<Poster>& posters,
                                const std::vector<QrCode>& codes, const PosterLayout& layout) {
  // A4 is 210 × 297 mm; A3 is √2 larger in each direction.
  const double scale = layout.size == PaperSize::kA4 ? 1.0 : std::sqrt(2.0);
  const double width = 210 * kPointsPerCm / 10 * scale;
  const double height = 297 * kPointsPerCm / 10 * scale;
  std::string pdf;
  const auto append = [](void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(append, &pdf, width, height));
  std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
  PosterPainter painter(context.get(), layout.font, scale);

  const double margin = 1.6 * kPointsPerCm * scale;
  const double inner = width - 2 * margin;
  const double qr_width = QrWidthPoints(layout.size);
  for (size_t n = 0; n < posters.size(); ++n) {
    const Poster& poster = posters[n];
    const QrCode& code = codes[n];
    const double quiet = kQrQuietZone * qr_width / code.size();

    // The office's name on a band at the top.
    const double band = 3.2 * kPointsPerCm * scale;
    cairo_set_source_rgb(context.get(), kBrand.r, kBrand.g, kBrand.b);
    cairo_rectangle(context.get(), 0, 0, width, band);
    cairo_fill(context.get());
    double y = 0.7 * kPointsPerCm * scale;
    y += painter.Text(poster.office_primary, margin, y, inner, 24, 14, 34, true, kWhite);
    painter.Text(poster.office_secondary, margin, y + 2 * scale, inner, 13, 9, 20, false, kWhite);

    // From the bottom up: contact facts, then the instruction, the URL and the code; the
    // titles get the room that is left, and shrink to fit it.
    double bottom = height - margin;
    const double contact_height = 2.6 * kPointsPerCm;
    painter.Text(poster.contact_lines, margin, bottom - contact_height * scale, inner, 13, 9,
                 contact_height, false, kMuted);
    bottom -= contact_height * scale + 0.4 * kPointsPerCm * scale;
    const double instruction_height = 2.4 * kPointsPerCm;
    const double instruction_top = bottom - instruction_height * scale;
    const double first = painter.Text(poster.instruction_primary, margin, instruction_top, inner,
                                      22, 14, instruction_height * 0.55, true, kInk);
    painter.Text(poster.instruction_secondary, margin, instruction_top + first + 2 * scale, inner,
                 15, 10, instruction_height * 0.45, false, kInk);
    bottom = instruction_top - 0.3 * kPointsPerCm * scale;
    const double url_height = 1.4 * kPointsPerCm;
    painter.Text(poster.url, margin, bottom - url_height * scale, inner, 12, 8, url_height, false,
                 kMuted);
    bottom -= url_height * scale + quiet;
    const double qr_top = bottom - qr_width;
    DrawQr(context.get(), code, (width - qr_width) / 2, qr_top, qr_width);

    y = band + 0.9 * kPointsPerCm * scale;
    const double title_room = (qr_top - quiet - 0.6 * kPointsPerCm * scale - y) / scale;
    const double secondary_room = poster.title_secondary.empty() ? 0 : title_room * 0.35;
    const double primary = painter.Text(poster.title_primary, margin, y, inner, 40, 16,
                                        title_room - secondary_room, true, kBrand);
    painter.Text(poster.title_secondary, margin, y + primary + 6 * scale, inner, 24, 11,
                 secondary_room, false, kInk);
    cairo_show_page(context.get());
  }
  context.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return IoError("", "cannot write the posters' PDF");
  }
  if (painter.unknown_glyphs() > 0) {
    return IoError("",
                   "the poster font '" + layout.font + "' lacks " +
                       std::to_string(painter.unknown_glyphs()) + " of the characters",
                   "install Debian's fonts-noto-cjk");
  }
  return pdf;
}

}  // namespace

}  // namespace kiosk

extern "C" const char* kiosk_poster_build() {
  static const std::string build = kiosk::PosterModuleBuild();
  return build.c_str();
}

extern "C" void kiosk_draw_posters(kiosk::PosterPdfJob* job) {
  job->pdf = kiosk::DrawPosters(*job->posters, *job->codes, *job->layout);
}
