// A pull reader over one XML part of a zip archive, streamed through libxml2 (wrapped once
// here): a long document is read a piece at a time, never held whole in memory.
//
// Safe for hostile input: no network, no external entities or DTDs loaded, entities never
// substituted, and a part that declares a DTD at all (which ODF and OOXML parts never do) is
// refused, which rules out entity expansion ("billion laughs"); the part's size is bounded by
// the archive's limits.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "import/zip_archive.h"

namespace kiosk::import {

class XmlReader {
 public:
  enum class Node { kStart, kEnd, kText };

  // Opens `part` of `archive`, which must outlive the reader.
  static Result<std::unique_ptr<XmlReader>> Open(ZipArchive& archive, const std::string& part);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Moves to the next element start, element end or text. False at the end of the part or
  // on an error (then error() is set). An empty element gives a start and an end.
  bool Next();
  const std::optional<Diagnostic>& error() const { return error_; }

  Node node() const { return node_; }
  bool IsStart(std::string_view ns, std::string_view name) const;
  bool IsEnd(std::string_view ns, std::string_view name) const;
  std::string_view ns() const;
  std::string_view name() const;  // the local name
  // An attribute of the current start element; nullopt when it has none of that name.
  std::optional<std::string> Attribute(std::string_view ns, std::string_view name) const;
  std::string_view text() const;  // of a text node
  // Skips what is inside the current start element, up to its end (the current node then).
  bool Skip();
  // Moves to the next element start inside the element being read, false at its end. Call it
  // with `depth` 0 at that element's start; a caller that goes into a child (rather than
  // reading it whole or skipping it) adds 1 to `depth`, so that the child's end is not taken
  // for its parent's.
  bool NextStartWithin(int& depth);

 private:
  struct Source;
  XmlReader() = default;
  Diagnostic DtdError() const;

  void* reader_ = nullptr;  // xmlTextReaderPtr
  std::unique_ptr<Source> source_;
  Node node_ = Node::kText;
  bool pending_end_ = false;  // an empty element's end, to be given next
  std::optional<Diagnostic> error_;
};

// An attribute's whole number, or `otherwise` when it is absent or not a number.
int ToInt(const std::optional<std::string>& text, int otherwise = 0);

// The text of a part's Dublin Core title (dc:title: meta.xml in ODF, docProps/core.xml in
// OOXML), trimmed; empty when it has none.
Result<std::string> ReadDublinCoreTitle(ZipArchive& archive, const std::string& part);

}  // namespace kiosk::import
