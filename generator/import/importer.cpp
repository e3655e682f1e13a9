#include "import/importer.h"

#include "base/text.h"
#include "import/markdown_writer.h"
#include "import/odf_reader.h"
#include "import/ooxml_reader.h"
#include "markdown/alt_placeholder.h"

namespace kiosk::import {

namespace {

constexpr std::string_view kOdfText = "application/vnd.oasis.opendocument.text";

Diagnostic Error(const std::string& file, std::string message, std::string hint) {
  return Diagnostic{Severity::kError, {file}, std::move(message), std::move(hint)};
}

// What a file that is no zip is, by its first bytes, and what to do with it.
Diagnostic NotAZip(const std::string& display, std::string_view bytes) {
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    // An OLE compound file: an old binary document, or a password-protected OOXML one, which
    // Office keeps encrypted in a stream named EncryptedPackage (UTF-16 in the directory).
    const std::string_view encrypted(
        "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    if (bytes.find(encrypted) != std::string_view::npos) {
      return Error(display, "the document is password-protected",
                   "open it with its password and save a copy without one");
    }
    return Error(display,
                 "this is an old binary document (Word .doc, Works or WPS .wps), which kiosk "
                 "does not read",
                 "open it in LibreOffice or Word and save it as .odt (or .docx), then import that");
  }
  if (bytes.starts_with("{\\rtf")) {
    return Error(display, "this is an RTF document, which kiosk does not read",
                 "open it in LibreOffice or Word and save it as .odt (or .docx)");
  }
  if (bytes.starts_with("%PDF")) {
    return Error(display, "this is a PDF, which keeps no headings, lists or tables to import",
                 "import the .odt or .docx the PDF was made from");
  }
  return Error(display, "this is not an .odt or .docx document (not a zip archive)",
               "open it in LibreOffice or Word and save it as .odt (or .docx)");
}

// The image's format from its first bytes; empty for formats browsers do not show.
std::string ImageExtension(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG")) return "png";
  if (bytes.starts_with("\xFF\xD8\xFF")) return "jpg";
  if (bytes.starts_with("GIF8")) return "gif";
  if (bytes.size() > 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") return "webp";
  const std::string_view head = bytes.substr(0, 512);
  if (head.find("<svg") != std::string_view::npos) return "svg";
  return "";
}

// "content/plans/gangshan.zh-TW.md" → "gangshan": images are named after the page.
std::string PageStem(const std::string& output) {
  std::string stem = FileName(output);
  if (EndsWith(stem, ".md")) stem.resize(stem.size() - 3);
  const size_t dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0) {
    const std::string suffix = stem.substr(dot + 1);
    const bool language = suffix.size() >= 2 && suffix.size() <= 8 &&
                          std::isalpha(static_cast<unsigned char>(suffix[0])) &&
                          suffix.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") ==
                              std::string::npos;
    if (language) stem.resize(dot);
  }
  return stem.empty() ? "image" : stem;
}

// Removes image spans whose images were left out.
void DropImages(Blocks& blocks, const std::vector<Image>& images);

void DropImages(Inlines& inlines, const std::vector<Image>& images) {
  std::erase_if(inlines, [&](const Span& span) {
    return span.kind == Span::Kind::kImage && images[span.number - 1].src.empty();
  });
}

void DropImages(Blocks& blocks, const std::vector<Image>& images) {
  for (Block& block : blocks) {
    if (auto* paragraph = std::get_if<Paragraph>(&block.content)) DropImages(paragraph->inlines, images);
    if (auto* heading = std::get_if<Heading>(&block.content)) DropImages(heading->inlines, images);
    if (auto* list = std::get_if<List>(&block.content)) {
      for (ListItem& item : list->items) DropImages(item.blocks, images);
    }
    if (auto* table = std::get_if<Table>(&block.content)) {
      for (auto& row : table->rows) {
        for (auto& cell : row) {
          if (cell) DropImages(cell->blocks, images);
        }
      }
    }
  }
}

Result<Document> ReadDocument(ZipArchive& archive, Diagnostics& warnings) {
  const std::string media_type = OdfMediaType(archive);
  if (media_type == kOdfText || media_type == std::string(kOdfText) + "-template") {
    return ReadOdf(archive, warnings);
  }
  if (!media_type.empty()) {
    return Error(archive.display(),
                 "this ODF document is not a text document (" + media_type + ")",
                 "kiosk imports text documents: .odt from LibreOffice Writer, .docx from Word");
  }
  if (IsOoxmlDocument(archive)) {
    if (archive.Has("xl/workbook.xml") || archive.Has("ppt/presentation.xml")) {
      return Error(archive.display(), "this is an Excel or PowerPoint file, not a text document",
                   "kiosk imports text documents: .docx from Word, .odt from LibreOffice Writer");
    }
    if (archive.Has("EncryptedPackage")) {
      return Error(archive.display(), "the document is password-protected",
                   "open it with its password and save a copy without one");
    }
    return ReadOoxml(archive, warnings);
  }
  return Error(archive.display(), "this is a zip archive, but not an .odt or .docx document",
               "import the .odt or .docx itself, not an archive holding it");
}

}  // namespace

ImportResult ImportDocument(FileSystem& fs, const ImportOptions& options) {
  ImportResult result;
  const std::string& display = options.document;
  const auto fail = [&](int status, Diagnostic error) {
    result.exit_status = status;
    result.diagnostics.add(std::move(error));
    result.markdown.clear();
    return std::move(result);
  };
  if (!options.output.empty() && !EndsWith(options.output, ".md")) {
    return fail(ImportResult::kUsage,
                Error(options.output, "the page must be a Markdown file",
                      "name it with .md, e.g. -o content/plans/service-plan.zh-TW.md"));
  }
  if (!options.output.empty() && !options.force && fs.IsFile(options.output)) {
    return fail(ImportResult::kUsage, Error(options.output, "the file exists already",
                                            "add --force to replace it, or choose another -o"));
  }
  Result<std::unique_ptr<const FileBytes>> file = fs.MapFile(options.document);
  if (!file) {
    return fail(ImportResult::kUnreadable,
                Error(display, "cannot read the document", "check the file's name and path"));
  }
  const std::string_view bytes = (*file)->view();
  if (!bytes.starts_with("PK")) return fail(ImportResult::kUnreadable, NotAZip(display, bytes));
  Result<std::unique_ptr<ZipArchive>> archive = ZipArchive::Open(bytes, display, options.limits);
  if (!archive) return fail(ImportResult::kUnreadable, archive.error());

  Diagnostics warnings;
  Result<Document> read = ReadDocument(**archive, warnings);
  if (!read) return fail(ImportResult::kUnreadable, read.error());
  Document& document = *read;

  // Images: named by kiosk after the page, never after the names inside the archive.
  const std::string folder = ParentPath(options.output);
  const std::string stem = PageStem(options.output);
  std::vector<std::pair<std::string, std::string>> image_files;  // path, bytes
  for (Image& image : document.images) {
    const std::string location = "image " + std::to_string(image.number);
    Result<std::string> image_bytes = (*archive)->Read(image.part);
    if (!image_bytes) return fail(ImportResult::kUnreadable, image_bytes.error());
    image.extension = ImageExtension(*image_bytes);
    if (image.extension.empty()) {
      Warn(warnings, display, location,
           "the image is in a format browsers do not show (such as EMF, WMF or TIFF); it is "
           "left out",
           "save it as PNG or JPEG, put it back into the document and import again");
      continue;
    }
    image.file_name = stem + "-" + std::to_string(image.number) + "." + image.extension;
    // Beside the Markdown file, where the build reads a relative image address from.
    image.src = image.file_name;
    if (options.output.empty()) {
      Warn(warnings, display, location,
           "the image is not extracted, as the page goes to standard output",
           "give -o FILE.md to write the page and its images beside it");
    } else {
      image_files.emplace_back(JoinPath(folder, image.file_name), std::move(*image_bytes));
    }
    if (image.alt.empty()) {
      Warn(warnings, display, location,
           "the image has no description; its alt text is the placeholder '" +
               std::string(kMissingAltText) + "', which the build reports until it is "
               "written",
           "write what the image shows in its alt text (![…](" + image.src + ")), or give the "
           "picture a description in the document and import again");
    }
  }
  DropImages(document.blocks, document.images);

  const std::string front_matter = MapPageType(options.type, document, display, warnings);
  if (document.title.empty()) {
    document.title = PageStem(options.document);
    Warn(warnings, display, "",
         "the document has no title (no title in its properties, no Title style, no heading); "
         "the page is titled '" + document.title + "'",
         "write the page's title in 'title:'");
  }
  result.markdown = WritePage("title: " + YamlScalar(document.title) + "\n" + front_matter,
                              document, display, warnings);
  result.diagnostics.append(warnings);
  if (options.output.empty()) return result;

  for (const auto& [path, image_bytes] : image_files) {
    if (!options.force && fs.IsFile(path)) {
      return fail(ImportResult::kUsage,
                  Error(path, "the file exists already", "add --force to replace it, or choose another -o"));
    }
  }
  for (const auto& [path, image_bytes] : image_files) {
    if (Status status = fs.WriteFile(path, image_bytes); !status) {
      return fail(ImportResult::kUnreadable, status.error());
    }
    result.written.push_back(path);
  }
  if (Status status = fs.WriteFile(options.output, result.markdown); !status) {
    return fail(ImportResult::kUnreadable, status.error());
  }
  result.written.push_back(options.output);
  return result;
}

}  // namespace kiosk::import
