#include "import/xml_reader.h"

#include <libxml/xmlreader.h>

#include <cctype>
#include <string>

#include "base/text.h"

namespace kiosk::import {

namespace {

xmlTextReaderPtr Reader(void* reader) { return static_cast<xmlTextReaderPtr>(reader); }

std::string_view View(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

}  // namespace

struct XmlReader::Source {
  std::unique_ptr<ZipEntryStream> stream;
  std::string part;
  std::string display;
  std::string parse_error;  // libxml2's first message
  // Before the root element: a DTD is refused before libxml2 reads it.
  bool in_prolog = true;
  bool declares_dtd = false;
  std::string prolog_tail;  // the last bytes seen, for a declaration split between pieces

  int Read(char* buffer, int size) {
    const long got = stream->Read(buffer, static_cast<size_t>(size));
    if (got <= 0 || !in_prolog) return static_cast<int>(got);
    const std::string seen = prolog_tail + std::string(buffer, static_cast<size_t>(got));
    for (size_t at = seen.find('<'); at != std::string::npos; at = seen.find('<', at + 1)) {
      if (seen.compare(at, 9, "<!DOCTYPE") == 0 || seen.compare(at, 8, "<!ENTITY") == 0) {
        declares_dtd = true;
        return -1;
      }
      const unsigned char next = at + 1 < seen.size() ? seen[at + 1] : 0;
      if (std::isalpha(next) || next == '_' || next >= 0x80) {
        in_prolog = false;  // the root element
        return static_cast<int>(got);
      }
    }
    prolog_tail = seen.substr(seen.size() > 9 ? seen.size() - 9 : 0);
    return static_cast<int>(got);
  }
};

Result<std::unique_ptr<XmlReader>> XmlReader::Open(ZipArchive& archive, const std::string& part) {
  Result<std::unique_ptr<ZipEntryStream>> stream = archive.Stream(part);
  if (!stream) return stream.error();
  std::unique_ptr<XmlReader> reader(new XmlReader());
  reader->source_ = std::make_unique<Source>(
      Source{std::move(*stream), part, archive.display(), std::string()});
  const auto read = [](void* context, char* buffer, int size) -> int {
    return static_cast<Source*>(context)->Read(buffer, size);
  };
  // No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE
  // (libxml2's own limits on text and names stay), no network.
  reader->reader_ = xmlReaderForIO(read, nullptr, reader->source_.get(), part.c_str(), nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (!reader->reader_) {
    return Diagnostic{Severity::kError, {archive.display()}, "cannot read the part '" + part + "'",
                      ""};
  }
  xmlTextReaderSetStructuredErrorHandler(
      Reader(reader->reader_),
      [](void* context, xmlErrorPtr error) {
        auto* source = static_cast<Source*>(context);
        if (source->parse_error.empty() && error && error->message) {
          source->parse_error = error->message;
          while (!source->parse_error.empty() && source->parse_error.back() == '\n') {
            source->parse_error.pop_back();
          }
          source->parse_error += " at line " + std::to_string(error->line);
        }
      },
      reader->source_.get());
  return reader;
}

XmlReader::~XmlReader() {
  if (reader_) xmlFreeTextReader(Reader(reader_));
}

bool XmlReader::Next() {
  if (error_) return false;
  if (pending_end_) {
    pending_end_ = false;
    node_ = Node::kEnd;
    return true;
  }
  while (true) {
    const int status = xmlTextReaderRead(Reader(reader_));
    if (status == 0) return false;
    if (status < 0) {
      if (source_->declares_dtd) {
        error_ = DtdError();
      } else if (source_->stream->error()) {
        error_ = *source_->stream->error();
      } else {
        error_ = Diagnostic{Severity::kError, {source_->display},
                            "the document is damaged: its part '" + source_->part +
                                "' is not well-formed XML (" + source_->parse_error + ")",
                            "open it in LibreOffice or Word and save it again"};
      }
      return false;
    }
    switch (xmlTextReaderNodeType(Reader(reader_))) {
      case XML_READER_TYPE_ELEMENT:
        node_ = Node::kStart;
        pending_end_ = xmlTextReaderIsEmptyElement(Reader(reader_)) == 1;
        return true;
      case XML_READER_TYPE_END_ELEMENT:
        node_ = Node::kEnd;
        return true;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        node_ = Node::kText;
        return true;
      case XML_READER_TYPE_DOCUMENT_TYPE:
      case XML_READER_TYPE_ENTITY_REFERENCE:
      case XML_READER_TYPE_ENTITY:
        error_ = DtdError();
        return false;
      default:
        break;  // comments, processing instructions
    }
  }
}

Diagnostic XmlReader::DtdError() const {
  return Diagnostic{Severity::kError, {source_->display},
                    "the part '" + source_->part +
                        "' declares a DTD or entities, which documents saved by LibreOffice or "
                        "Word never do; it is not read",
                    "open the document in LibreOffice or Word and save it again"};
}

bool XmlReader::IsStart(std::string_view ns, std::string_view name) const {
  return node_ == Node::kStart && this->name() == name && this->ns() == ns;
}

bool XmlReader::IsEnd(std::string_view ns, std::string_view name) const {
  return node_ == Node::kEnd && this->name() == name && this->ns() == ns;
}

std::string_view XmlReader::ns() const {
  return View(xmlTextReaderConstNamespaceUri(Reader(reader_)));
}

std::string_view XmlReader::name() const {
  return View(xmlTextReaderConstLocalName(Reader(reader_)));
}

std::optional<std::string> XmlReader::Attribute(std::string_view ns, std::string_view name) const {
  if (node_ != Node::kStart) return std::nullopt;
  xmlChar* value = xmlTextReaderGetAttributeNs(
      Reader(reader_), reinterpret_cast<const xmlChar*>(std::string(name).c_str()),
      ns.empty() ? nullptr : reinterpret_cast<const xmlChar*>(std::string(ns).c_str()));
  if (!value) return std::nullopt;
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

std::string_view XmlReader::text() const { return View(xmlTextReaderConstValue(Reader(reader_))); }

bool XmlReader::NextStartWithin(int& depth) {
  while (Next()) {
    if (node_ == Node::kEnd && depth-- == 0) return false;
    if (node_ == Node::kStart) return true;
  }
  return false;
}

bool XmlReader::Skip() {
  if (node_ != Node::kStart) return true;
  for (int depth = 1; depth > 0;) {
    if (!Next()) return false;
    if (node_ == Node::kStart) ++depth;
    if (node_ == Node::kEnd) --depth;
  }
  return true;
}

int ToInt(const std::optional<std::string>& text, int otherwise) {
  if (!text || text->empty()) return otherwise;
  try {
    return std::stoi(*text);
  } catch (...) {
    return otherwise;
  }
}

Result<std::string> ReadDublinCoreTitle(ZipArchive& archive, const std::string& part) {
  constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
  Result<std::unique_ptr<XmlReader>> xml = XmlReader::Open(archive, part);
  if (!xml) return xml.error();
  std::string title;
  while ((*xml)->Next()) {
    if (!(*xml)->IsStart(kDc, "title")) continue;
    while ((*xml)->Next() && (*xml)->node() == XmlReader::Node::kText) title += (*xml)->text();
    break;
  }
  if ((*xml)->error()) return *(*xml)->error();
  return std::string(Trim(title));
}

}  // namespace kiosk::import
