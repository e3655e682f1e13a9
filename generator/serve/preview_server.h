// kiosk serve: builds a site into a private folder (SITE_DIR/.kiosk/preview, never its
// output/), serves it over HTTP, and builds it again, incrementally, whenever its files change;
// open pages follow (live_reload.h).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kiosk::serve {

struct ServeOptions {
  std::string site_dir = ".";  // where site.yaml is
  std::string display_dir;     // how messages name the site folder ("" for the current one)
  // Where to listen: this machine only, unless the user asks for another address.
  std::string bind = "127.0.0.1";
  int port = 8000;          // 0: any free port
  bool port_given = false;  // else the next free port after `port` will do
  bool include_drafts = false;
  int jobs = 0;          // worker threads of the builds; 0 for one per core
  bool verbose = false;  // time each build's steps
  // What the server tells its user as it goes, line by line: builds, their errors (with
  // `error`), where it listens.
  std::function<void(std::string_view line, bool error)> say = [](std::string_view, bool) {};
};

// The private folder a site is served from.
std::string PreviewFolder(const std::string& site_dir);

// Whether `address` is this machine only (127.0.0.0/8, ::1, localhost).
bool IsLoopback(std::string_view address);

class PreviewServer {
 public:
  // Builds the site (a failed build is shown in the browser, not an error here), starts
  // watching its files and listens. Errors: the address cannot be listened on, the files
  // cannot be watched.
  static Result<std::unique_ptr<PreviewServer>> Start(ServeOptions options);
  ~PreviewServer();  // stops
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  // The site's address: "http://127.0.0.1:8000/office/".
  std::string Url() const;
  int port() const;

  // Stops listening and watching, once the build under way is complete, and ends every open
  // connection; from any thread.
  void Stop();

 private:
  struct State;
  explicit PreviewServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Opens `url` in the user's browser (xdg-open); false when there is no way to.
bool OpenInBrowser(const std::string& url);

}  // namespace kiosk::serve
