#include "serve/preview_server.h"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/text.h"
#include "config/site_config.h"
#include "fs/file_system.h"
#include "output/output_writer.h"
#include "pipeline/pipeline.h"
#include "serve/change_collector.h"
#include "serve/content_types.h"
#include "serve/entity_tag.h"
#include "serve/http_server.h"
#include "serve/inotify_events.h"
#include "serve/live_reload.h"
#include "serve/request_path.h"

extern char** environ;

namespace kiosk::serve {

namespace fs = std::filesystem;

std::string PreviewFolder(const std::string& site_dir) {
  return JoinPath(JoinPath(site_dir, ".kiosk"), "preview");
}

bool IsLoopback(std::string_view address) {
  return address == "localhost" || address == "::1" || StartsWith(address, "127.");
}

namespace {

// Connections served at once: each open page holds one for its events, and a slow client
// holds one until it times out (5 s), so there are many more than a browser opens.
constexpr int kConnections = 32;

fs::path U8Path(const std::string& path) {
  return fs::path(std::u8string(path.begin(), path.end()));
}

// The bytes of a file, or nullopt.
std::optional<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// The path part of a request target, as the client sent it (still percent-encoded).
std::string_view TargetPath(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

}  // namespace

struct PreviewServer::State {
  ServeOptions options;
  std::string folder;  // the private output folder
  DiskFileSystem disk;
  SiteBuilder builder;
  StatusChannel status;
  std::unique_ptr<InotifyEvents> events;
  std::unique_ptr<HttpServer> http;
  int port = 0;
  std::jthread builds;
  std::jthread listening;
  std::once_flag stopped;

  mutable std::mutex site_mutex;  // guards base_path
  std::string base_path = "/";    // of the last build's site.yaml
  bool shown_ahead = false;       // the build under way has shown its pages (ShowPagesWritten)

  explicit State(ServeOptions serve_options)
      : options(std::move(serve_options)),
        folder(PreviewFolder(options.site_dir)),
        disk(options.jobs),
        builder(disk, BuildOptionsOf(options, folder)) {}

  BuildOptions BuildOptionsOf(const ServeOptions& options, const std::string& folder) {
    BuildOptions build;
    build.site_dir = options.site_dir;
    build.display_dir = options.display_dir;
    build.out_dir = folder;
    build.jobs = options.jobs;
    build.include_drafts = options.include_drafts;
    build.record_addresses = false;  // a preview publishes nothing
    build.pages_written = [this] { ShowPagesWritten(); };
    return build;
  }

  // The pages an edit rendered again are written, and the build found no error: open pages
  // reload now, while it goes on with the search index and the open data.
  void ShowPagesWritten() {
    SiteStatus now = status.Current();
    now.built = true;
    now.errors.clear();
    now.generation += 1;
    ReadBasePath();
    status.Publish(std::move(now));
    shown_ahead = true;
  }

  std::string BasePath() const {
    const std::lock_guard<std::mutex> lock(site_mutex);
    return base_path;
  }

  // Builds, and tells open pages and the user what came of it. `why` names what changed;
  // `changed`, the paths, when the watcher knows them.
  void Build(const std::string& why, std::optional<std::vector<std::string>> changed) {
    const auto start = std::chrono::steady_clock::now();
    const SiteStatus before = status.Current();
    shown_ahead = false;
    const BuildResult result = builder.Build(std::move(changed));
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;

    SiteStatus now;
    now.built = before.built || result.ok();
    for (const Diagnostic& diagnostic : result.diagnostics.items()) {
      if (diagnostic.severity == Severity::kError) now.errors.push_back(diagnostic);
    }
    const auto formatted = [](const std::vector<Diagnostic>& errors) {
      std::vector<std::string> lines;
      for (const Diagnostic& error : errors) lines.push_back(error.format());
      return lines;
    };
    const bool different = result.files_written > 0 || now.built != before.built ||
                           formatted(now.errors) != formatted(before.errors);
    if (!shown_ahead) {
      now.generation = before.generation + (different ? 1 : 0);
      if (result.ok()) ReadBasePath();
    } else {
      // The pages shown ahead are this build's: a generation of its own only if it then failed.
      now.generation = status.Current().generation + (result.ok() ? 0 : 1);
    }
    status.Publish(now);
    builder.FreeReplaced();

    for (const Diagnostic& diagnostic : result.diagnostics.items()) {
      options.say(diagnostic.format(), true);
    }
    char line[200];
    if (result.ok()) {
      std::snprintf(line, sizeof line, "kiosk: %s: built in %.0f ms, %zu %s rendered", why.c_str(),
                    elapsed.count(), result.pages_rendered,
                    result.pages_rendered == 1 ? "page" : "pages");
      options.say(line, false);
    } else {
      const int errors = result.diagnostics.error_count();
      std::snprintf(line, sizeof line,
                    "kiosk: %s: %d %s, shown in the open pages; they show the last good build",
                    why.c_str(), errors, errors == 1 ? "error" : "errors");
      options.say(line, true);
    }
    if (!options.verbose) return;
    for (const StepTiming& timing : result.timings) {
      std::snprintf(line, sizeof line, "  %-32s %8.1f ms", timing.step.c_str(),
                    timing.milliseconds);
      options.say(line, false);
    }
  }

  void ReadBasePath() {
    Diagnostics ignored;
    const std::string file = JoinPath(options.site_dir, "site.yaml");
    if (Result<std::string> text = disk.ReadFile(file)) {
      if (std::optional<SiteConfig> config = ParseSiteConfig(*text, file, ignored)) {
        const std::lock_guard<std::mutex> lock(site_mutex);
        base_path = config->base_path.empty() ? "/" : config->base_path;
      }
    }
  }

  void BuildAsFilesChange() {
    ChangeCollector collector(*events);
    while (std::optional<Changes> changes = collector.Next()) {
      std::string why;
      if (changes->anything || changes->paths.empty()) {
        why = "files changed";
      } else {
        why = JoinPath(options.display_dir, *changes->paths.begin());
        if (changes->paths.size() > 1) {
          why += " and " + std::to_string(changes->paths.size() - 1) + " more";
        }
        why += " changed";
      }
      std::optional<std::vector<std::string>> changed;
      if (!changes->anything) changed.emplace(changes->paths.begin(), changes->paths.end());
      Build(why, std::move(changed));
    }
  }

  void Respond(const HttpRequest& request, HttpResponse& response) {
    // What the browser shows is always the last build's: answers are not kept, or (files)
    // kept only to be asked for again each time (Revalidated).
    response.headers = {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
    if (request.method != "GET" && request.method != "HEAD") {
      response.status = 405;
      response.headers.emplace_back("Allow", "GET, HEAD");
      response.body = "kiosk serve answers GET and HEAD only\n";
      return;
    }
    const std::string_view path = TargetPath(request.target);
    if (path == kEventsPath) return FollowStatus(response);
    if (path == kScriptPath) {
      static const std::string tag = EntityTag(LiveReloadScript().size(), 0,
                                               std::hash<std::string_view>()(LiveReloadScript()));
      if (Revalidated(request, tag, response)) return;
      response.content_type = "text/javascript; charset=utf-8";
      response.body = LiveReloadScript();
      return;
    }
    const std::string base = BasePath();
    const RequestPath wanted = ReadRequestPath(request.target, base);
    if (wanted.outcome == RequestPath::Outcome::kRefused) {
      response.status = 400;
      response.body = "kiosk serve refuses this path: " + wanted.path + "\n";
      return;
    }
    if (path == "/" && base != "/") return Redirect(response, EncodeUrlPath(base));
    const SiteStatus now = status.Current();
    if (!now.built) {
      response.status = 503;
      response.content_type = "text/html; charset=utf-8";
      response.body = ProblemsPage(now);
      return;
    }
    if (wanted.outcome == RequestPath::Outcome::kOutsideBase)
      return NotFound(wanted, now, response);
    ServeFile(request, wanted, now, response);
  }

  void Redirect(HttpResponse& response, const std::string& location) {
    response.status = 301;
    response.headers.emplace_back("Location", location);
  }

  // The file of the served folder at `wanted`, if it is one and lies inside the folder (a
  // symbolic link may not lead out of it).
  std::optional<fs::path> FileInFolder(const std::string& wanted) const {
    std::error_code error;
    const fs::path root = fs::canonical(U8Path(folder), error);
    if (error) return std::nullopt;
    const fs::path file = fs::canonical(root / U8Path(wanted), error);
    if (error) return std::nullopt;
    const auto [end, inside] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (end != root.end()) return std::nullopt;
    return file;
  }

  void ServeFile(const HttpRequest& request, const RequestPath& wanted, const SiteStatus& now,
                 HttpResponse& response) {
    std::optional<fs::path> file = FileInFolder(wanted.path);
    std::error_code error;
    if (file && fs::is_directory(*file, error)) {
      if (!wanted.folder && !wanted.path.empty()) {
        std::string location(TargetPath(request.target));
        const size_t query = request.target.find('?');
        return Redirect(
            response,
            location + "/" + (query == std::string::npos ? "" : request.target.substr(query)));
      }
      file = FileInFolder(JoinPath(wanted.path, "index.html"));
    }
    struct stat info {};
    if (!file || stat(file->c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return NotFound(wanted, now, response);
    }
    const std::string_view type = ContentTypeOf(file->filename().string());
    const bool page = StartsWith(type, "text/html");
    // Taken before the file is read: a file replaced in between is sent new under the old
    // tag, and so asked for again the next time.
    const std::string tag =
        EntityTag(info.st_size, info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec,
                  page ? now.generation : 0);
    if (Revalidated(request, tag, response)) return;
    std::optional<std::string> bytes = ReadWhole(*file);
    if (!bytes) return NotFound(wanted, now, response);
    response.content_type = type;
    if (page) *bytes = WithLiveReload(*bytes, now.generation);
    response.body = std::move(*bytes);
  }

  // An answer the browser keeps and asks for again each time, with `tag`: true when the copy
  // it holds is that version, answered 304 without the bytes. A page's tag includes the
  // generation its live-reload script was served with.
  static bool Revalidated(const HttpRequest& request, const std::string& tag,
                          HttpResponse& response) {
    response.headers = {
        {"Cache-Control", "no-cache"}, {"ETag", tag}, {"X-Content-Type-Options", "nosniff"}};
    if (!EntityTagMatches(request.if_none_match, tag)) return false;
    response.status = 304;
    return true;
  }

  // The site's 404 page in the language of the path (en/… is English's), with status 404.
  void NotFound(const RequestPath& wanted, const SiteStatus& now, HttpResponse& response) {
    response.status = 404;
    const std::string language = wanted.path.substr(0, wanted.path.find('/'));
    std::optional<fs::path> page;
    if (wanted.path.find('/') != std::string::npos)
      page = FileInFolder(JoinPath(language, "404.html"));
    if (!page) page = FileInFolder("404.html");
    std::optional<std::string> bytes;
    if (page) bytes = ReadWhole(*page);
    if (!bytes) {
      response.body = "404 Not Found\n";
      return;
    }
    response.content_type = "text/html; charset=utf-8";
    response.body = WithLiveReload(*bytes, now.generation);
  }

  // Server-Sent Events: the status at once, then at every change; a comment now and then,
  // so that a page that went away is noticed.
  void FollowStatus(HttpResponse& response) {
    response.content_type = "text/event-stream";
    response.stream = [this, seen = std::optional<uint64_t>()](
                          const std::function<bool(std::string_view)>& write) mutable {
      const std::optional<SiteStatus> next =
          seen ? status.WaitForChange(*seen, std::chrono::seconds(15)) : status.Current();
      if (status.closed()) return false;
      if (!next) return write(": waiting\n\n");
      seen = next->generation;
      return write(StatusEvent(*next));
    };
  }
};

Result<std::unique_ptr<PreviewServer>> PreviewServer::Start(ServeOptions options) {
  auto state = std::make_unique<State>(std::move(options));
  State& server = *state;
  Result<std::unique_ptr<InotifyEvents>> events = InotifyEvents::Watch(server.options.site_dir);
  if (!events) return events.error();
  server.events = std::move(*events);

  Result<std::unique_ptr<HttpServer>> http =
      MakeHttpServer([&server](const HttpRequest& request,
                               HttpResponse& response) { server.Respond(request, response); },
                     kConnections);
  if (!http) return http.error();
  server.http = std::move(*http);
  const std::string& bind = server.options.bind;
  for (int port = server.options.port;; ++port) {
    server.port = server.http->Bind(bind, port);
    if (server.port > 0) break;
    if (server.options.port_given || port >= server.options.port + 20) {
      return IoError("", "cannot listen on " + bind + " port " + std::to_string(port),
                     server.options.port_given ? "choose another port with --port"
                                               : "is another kiosk serve running? choose a port "
                                                 "with --port");
    }
  }
  server.ReadBasePath();
  // A complete build from an earlier session is served until this session has its own.
  SiteStatus earlier;
  earlier.built = server.disk.IsFile(JoinPath(server.folder, kOutputMarker));
  server.status.Publish(earlier);
  server.Build("the first build", std::nullopt);
  server.listening = std::jthread([&server] { server.http->Listen(); });
  server.builds = std::jthread([&server] { server.BuildAsFilesChange(); });
  return std::unique_ptr<PreviewServer>(new PreviewServer(std::move(state)));
}

PreviewServer::PreviewServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

PreviewServer::~PreviewServer() { Stop(); }

std::string PreviewServer::Url() const {
  const std::string& bind = state_->options.bind;
  const std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  return "http://" + host + ":" + std::to_string(state_->port) + EncodeUrlPath(state_->BasePath());
}

int PreviewServer::port() const { return state_->port; }

void PreviewServer::Stop() {
  std::call_once(state_->stopped, [this] {
    state_->events->Stop();
    if (state_->builds.joinable()) state_->builds.join();
    // For the next kiosk serve to start from this build rather than build everything.
    if (Status saved = state_->builder.SaveLog(); !saved) {
      state_->options.say(saved.error().format(), true);
    }
    state_->status.Close();
    state_->http->Stop();
    if (state_->listening.joinable()) state_->listening.join();
  });
}

bool OpenInBrowser(const std::string& url) {
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) !=
      0) {
    return false;
  }
  // xdg-open may run as long as the browser it starts: it is waited for aside.
  std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
  return true;
}

}  // namespace kiosk::serve
