#include "render/record_file_maker.h"

#include <algorithm>

namespace kiosk {

RecordFileMaker::RecordFileMaker(std::string path, std::shared_ptr<const FileBytes> previous)
    : previous_(previous ? previous->view() : std::string_view()) {
  file_.path = std::move(path);
  file_.kept = std::move(previous);
}

void RecordFileMaker::Add(std::string_view bytes) {
  if (bytes.empty()) return;
  if (file_.pieces.empty() || file_.pieces.back().kept) {
    file_.pieces.push_back({false, file_.contents.size(), 0});
  }
  file_.pieces.back().size += bytes.size();
  file_.contents += bytes;
  size_ += bytes.size();
}

void RecordFileMaker::Keep(size_t offset, size_t size) {
  if (file_.pieces.empty() || !file_.pieces.back().kept ||
      file_.pieces.back().offset + file_.pieces.back().size != offset) {
    file_.pieces.push_back({true, offset, 0});
  }
  file_.pieces.back().size += size;
  size_ += size;
}

void RecordFileMaker::AddOrKeep(std::string_view bytes) {
  const OutputPiece* last = file_.pieces.empty() ? nullptr : &file_.pieces.back();
  if (!last || last->kept) {
    const size_t end = last ? last->offset + last->size : 0;
    if (end <= previous_.size() && previous_.substr(end, bytes.size()) == bytes) {
      return Keep(end, bytes.size());
    }
  }
  Add(bytes);
}

bool RecordFileMaker::Holds(uint64_t offset, uint64_t size, const std::vector<std::string>& lines,
                            std::string_view separator) const {
  if (offset > previous_.size()) return false;
  std::string_view rest = previous_.substr(offset, size);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view expected = i ? separator : std::string_view();
    if (rest.substr(0, expected.size()) != expected) return false;
    rest.remove_prefix(expected.size());
    if (rest.substr(0, lines[i].size()) != lines[i]) return false;
    rest.remove_prefix(lines[i].size());
  }
  return rest.empty();
}

bool RecordFileMaker::Unchanged() const {
  return file_.kept && file_.pieces.size() == 1 && file_.pieces.front().kept &&
         size_ == previous_.size();
}

OutputFile RecordFileMaker::Finish() {
  const bool kept = std::any_of(file_.pieces.begin(), file_.pieces.end(),
                                [](const OutputPiece& piece) { return piece.kept; });
  if (!kept) {  // all new: the contents as they are
    file_.pieces.clear();
    file_.kept.reset();
  }
  return std::move(file_);
}

}  // namespace kiosk
