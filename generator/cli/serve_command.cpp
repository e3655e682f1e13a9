// `kiosk serve`: the site built and served on this machine, built again as its files change,
// with open pages following.
#ifndef KIOSK_WITHOUT_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "serve/preview_server.h"

namespace kiosk::cli {
namespace {

// A serving process builds again and again, each build as large as the one before: the pages
// the build before freed are kept for the next rather than handed back to the system after a
// quarter of a second (main.cpp) and faulted in again, a fifth of an edit's build time at
// 10,000 pages. Its memory stays at its peak, about two builds' worth. A hint: if jemalloc
// refuses, builds are the same, only slower. (The sanitized build has AddressSanitizer's
// allocator instead.)
void KeepFreedMemoryForTheNextBuild() {
#ifndef KIOSK_WITHOUT_JEMALLOC
  ssize_t never = -1;
  const std::string every_arena = "arena." + std::to_string(MALLCTL_ARENAS_ALL) + ".dirty_decay_ms";
  for (const char* setting : {"arenas.dirty_decay_ms", every_arena.c_str()}) {
    mallctl(setting, nullptr, nullptr, &never, sizeof never);
  }
#endif
}

struct ServeCommandOptions {
  serve::ServeOptions serve;
  bool open = false;
};

int RunServe(ServeCommandOptions& command) {
  serve::ServeOptions& options = command.serve;
  options.site_dir = PlainFolder(options.site_dir);
  options.display_dir = options.site_dir == "." ? "" : options.site_dir;
  options.say = [](std::string_view line, bool error) {
    std::fprintf(error ? stderr : stdout, "%.*s\n", static_cast<int>(line.size()), line.data());
    std::fflush(error ? stderr : stdout);
  };
  // Ctrl-C and kill are waited for below, not handled in whichever thread they hit: every
  // thread the server starts inherits this mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  KeepFreedMemoryForTheNextBuild();

  if (!serve::IsLoopback(options.bind)) {
    std::fprintf(stderr,
                 "kiosk: listening on %s, not only on this machine: anyone who can reach it can "
                 "open the preview, drafts included\n",
                 options.bind.c_str());
  }
  Result<std::unique_ptr<serve::PreviewServer>> server = serve::PreviewServer::Start(options);
  if (!server) {
    std::fprintf(stderr, "%s\n", server.error().format().c_str());
    return kExitContentError;
  }
  const std::string url = (*server)->Url();
  std::printf("kiosk: serving %s at %s (Ctrl-C to stop)\n",
              options.display_dir.empty() ? "this site" : options.display_dir.c_str(), url.c_str());
  std::fflush(stdout);
  if (command.open && !serve::OpenInBrowser(url)) {
    std::fprintf(stderr, "kiosk: cannot open a browser here; open %s yourself\n", url.c_str());
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::printf("kiosk: stopping once the build under way is complete (Ctrl-C again: at once)\n");
  std::fflush(stdout);
  std::atomic<bool> stopped = false;
  std::jthread stopping([&] {
    (*server)->Stop();
    stopped = true;
  });
  const timespec tenth{0, 100'000'000};
  while (!stopped) {
    if (sigtimedwait(&stop_signals, nullptr, &tenth) > 0) {
      std::fprintf(stderr,
                   "kiosk: stopped at once; the next kiosk serve builds the preview anew\n");
      _exit(130);
    }
  }
  return kExitOk;
}

}  // namespace

Command AddServeCommand(CLI::App& kiosk) {
  auto command = std::make_shared<ServeCommandOptions>();
  serve::ServeOptions& options = command->serve;
  CLI::App* serve = kiosk.add_subcommand("serve", R"(preview the site in SITE_DIR as you edit it

Builds the site in SITE_DIR (default: .) into SITE_DIR/.kiosk/preview (never into output/)
and serves it on this machine. When a file under content/, static/ or themes/, or
site.yaml, is saved, the site is built again (only what changed) and open pages reload
once the build is complete. A build's errors, and the accessibility findings that fail
it, are shown in the open page, each with its file and line; the page updates once they
are fixed.)");
  serve->add_option("SITE_DIR", options.site_dir, "the site's folder");
  serve
      ->add_option_function<int>(
          "-p,--port",
          [&options](const int& port) {
            options.port = port;
            options.port_given = true;
          },
          "the port (default: 8000, or the next free one; 0: any free one)")
      ->type_name("N")
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--bind", options.bind,
                   "the address to listen on (default: 127.0.0.1, this machine only; another "
                   "address lets others on the network see the preview)")
      ->type_name("ADDR");
  serve->add_flag("--open", command->open, "open the site in the browser");
  serve->add_flag("--drafts", options.include_drafts, "include pages with 'draft: true'");
  serve->add_flag("-v,--verbose", options.verbose, "time each build's steps");
  AddJobsOption(*serve, options.jobs);
  serve->footer(R"(Example: preview the office's site, drafts included, in the browser:
  kiosk serve --drafts --open

Exit status: 0 stopped with Ctrl-C, 1 the address or the files cannot be used, 2 wrong usage.)");
  return {serve, [command] { return RunServe(*command); }};
}

}  // namespace kiosk::cli
