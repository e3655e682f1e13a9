#include "support/site_fixture.h"

#include <fstream>
#include <random>
#include <sstream>

#include "fs/file_system.h"

namespace kiosk::testing {

namespace fs = std::filesystem;

std::string TestsDir() { return KIOSK_TESTS_DIR; }

namespace {

fs::path U8(const std::string& path) { return fs::path(std::u8string(path.begin(), path.end())); }

}  // namespace

SiteFixture::SiteFixture(const std::string& name) {
  std::random_device random;
  root_ = fs::temp_directory_path() / ("kiosk-test-" + std::to_string(random()));
  fs::create_directories(root_);
  fs::copy(U8(TestsDir() + "/fixtures/" + name), root_ / "site", fs::copy_options::recursive);
  site_dir_ = (root_ / "site").string();
}

SiteFixture::~SiteFixture() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void SiteFixture::Write(const std::string& relative, const std::string& contents) const {
  const fs::path path = U8(site_dir_ + "/" + relative);
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

void SiteFixture::Remove(const std::string& relative) const {
  fs::remove_all(U8(site_dir_ + "/" + relative));
}

std::string SiteFixture::Read(const std::string& relative) const {
  std::ifstream in(U8(site_dir_ + "/" + relative), std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

bool SiteFixture::OutputExists(const std::string& relative) const {
  return fs::exists(U8(out_dir() + "/" + relative));
}

BuildResult SiteFixture::Build(BuildOptions options) const {
  options.site_dir = site_dir_;
  options.display_dir = "";
  if (options.jobs == 0) options.jobs = 2;
  DiskFileSystem disk;
  return BuildSite(disk, options);
}

std::map<std::string, std::string> FilesBelow(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(U8(folder))) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    files[fs::relative(entry.path(), U8(folder)).string()] = contents.str();
  }
  return files;
}

void SiteFixture::ForgetPublished(const std::string& address) const {
  std::istringstream lines(Read("published.txt"));
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line != address && line.rfind(address + " ", 0) != 0) kept += line + "\n";
  }
  Write("published.txt", kept);
}

std::string Describe(const BuildResult& result) {
  std::string text;
  for (const Diagnostic& d : result.diagnostics.items()) text += d.format() + "\n";
  return text;
}

}  // namespace kiosk::testing
