// A copy of a fixture site in a temporary folder, to build, break and build again.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "pipeline/pipeline.h"

namespace kiosk::testing {

class SiteFixture {
 public:
  // Copies tests/fixtures/<name> into a new temporary folder.
  explicit SiteFixture(const std::string& name = "basic-site");
  ~SiteFixture();

  const std::string& site_dir() const { return site_dir_; }
  std::string out_dir() const { return site_dir_ + "/output"; }

  void Write(const std::string& relative, const std::string& contents) const;
  void Remove(const std::string& relative) const;
  std::string Read(const std::string& relative) const;
  std::string ReadOutput(const std::string& relative) const { return Read("output/" + relative); }
  bool OutputExists(const std::string& relative) const;

  BuildResult Build(BuildOptions options = {}) const;

  // Deletes an address's line from published.txt, as for a page that never went online:
  // the next build may then stop making it.
  void ForgetPublished(const std::string& address) const;

 private:
  std::filesystem::path root_;
  std::string site_dir_;
};

// Every file below a folder, by relative path, with its contents.
std::map<std::string, std::string> FilesBelow(const std::string& folder);

// "file:line:col: error: message" of every error, one per line, for readable failures.
std::string Describe(const BuildResult& result);

// The source tree's tests/ folder.
std::string TestsDir();

}  // namespace kiosk::testing
