// Theme: the templates, interface strings and static files a site is rendered with.
//
// A theme is layered: the default theme compiled into kiosk, then the site's own
// SITE_DIR/themes/<theme>/ on top, file by file (and string by string for the interface
// strings), so a site overrides just what it wants to change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "config/site_config.h"
#include "fs/file_system.h"

namespace kiosk {

struct ThemeTemplate {
  std::string file;  // where it came from, for messages
  std::string text;  // with every partial written in place
};

struct ThemeStaticFile {
  std::string path;           // relative to static/: "css/site.css"
  std::string disk_path;      // the file to copy, or "" for a built-in file
  std::string_view contents;  // a built-in file's bytes
  std::string origin;         // the file as messages name it
};

class Theme {
 public:
  // A template by name ("page", "section", "home", "faq"), or nullptr.
  const ThemeTemplate* Find(std::string_view name) const;
  // The interface strings of a language.
  const std::map<std::string, std::string>& Strings(const std::string& language) const {
    return strings_.at(language);
  }
  const std::vector<ThemeStaticFile>& static_files() const { return static_files_; }
  // A hash of the templates and strings: what rendering depends on.
  uint64_t fingerprint() const { return fingerprint_; }

 private:
  friend class ThemeLoader;
  std::map<std::string, ThemeTemplate, std::less<>> templates_;
  std::map<std::string, std::map<std::string, std::string>> strings_;
  std::vector<ThemeStaticFile> static_files_;
  uint64_t fingerprint_ = 0;
};

// `display_dir` is how the site folder is named in messages ("" for the current folder).
std::optional<Theme> LoadTheme(const FileSystem& fs, const std::string& site_dir,
                               const std::string& display_dir, const SiteConfig& config,
                               Diagnostics& diagnostics);

// Finds the line and column of a byte offset.
SourceLocation LocateOffset(std::string_view text, size_t offset, const std::string& file);

}  // namespace kiosk
