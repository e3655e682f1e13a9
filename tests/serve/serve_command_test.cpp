// `kiosk serve` as a person (and a browser) meets it: the program started on a copy of a
// fixture site, asked over HTTP, its files edited, stopped with Ctrl-C.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/site_fixture.h"

extern char** environ;

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::SiteFixture;

// `kiosk serve --port 0 ARGS…` run in the site's folder, its output gathered as it comes.
class ServeProcess {
 public:
  ServeProcess(const std::string& site_dir, std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {KIOSK_BINARY, "serve", "--port", "0", "-j", "2"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (std::string& arg : argv) pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, out[1], 2);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addchdir_np(&actions, site_dir.c_str());
    EXPECT_EQ(posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, pointers.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    reader_ = std::thread([this, fd = out[0]] {
      char buffer[4096];
      for (ssize_t size; (size = read(fd, buffer, sizeof buffer)) > 0;) {
        const std::lock_guard<std::mutex> lock(mutex_);
        output_.append(buffer, size);
        grew_.notify_all();
      }
      close(fd);
    });
    // "kiosk: serving … at http://127.0.0.1:PORT/office/ (Ctrl-C to stop)"
    if (WaitForOutput("(Ctrl-C to stop)")) {
      const std::string text = output();
      const std::string local = "http://127.0.0.1:";
      const size_t at = text.find(local);
      if (at != std::string::npos) {
        const size_t slash = text.find('/', at + local.size());
        port = std::stoi(text.substr(at + local.size(), slash - at - local.size()));
        base = text.substr(slash, text.find(' ', slash) - slash);
      }
    }
  }

  ~ServeProcess() {
    if (pid_ > 0 && exit_status_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    reader_.join();
  }

  std::string output() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return output_;
  }

  bool WaitForOutput(const std::string& text, std::chrono::seconds timeout = 120s) {
    std::unique_lock<std::mutex> lock(mutex_);
    return grew_.wait_for(lock, timeout, [&] { return output_.find(text) != std::string::npos; });
  }

  // Sends `signal` and waits for the program to end: its exit status, or -1 if it did not.
  int Stop(int signal = SIGINT, std::chrono::seconds timeout = 20s) {
    kill(pid_, signal);
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_status_;
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }

  int port = 0;
  std::string base;  // the site's path: "/office/"

 private:
  pid_t pid_ = -1;
  int exit_status_ = -1;
  mutable std::mutex mutex_;
  std::condition_variable grew_;
  std::string output_;
  std::thread reader_;
};

int Connect(int port) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  return socket_fd;
}

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// One request, exactly as written (the target is sent as it is), on its own connection, with
// `headers` ("If-None-Match: \"a\"\r\n").
Reply Ask(int port, const std::string& method, const std::string& target,
          const std::string& headers = "") {
  const int socket_fd = Connect(port);
  const std::string request = method + " " + target +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers +
                              "\r\n";
  EXPECT_EQ(write(socket_fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[8192];
  for (ssize_t size; (size = read(socket_fd, buffer, sizeof buffer)) > 0;) {
    answer.append(buffer, size);
  }
  close(socket_fd);
  Reply reply;
  const size_t end = answer.find("\r\n\r\n");
  if (end == std::string::npos) return reply;
  reply.body = answer.substr(end + 4);
  size_t line_end = answer.find("\r\n");
  reply.status = std::stoi(answer.substr(9, 3));
  while (line_end < end) {
    const size_t next = answer.find("\r\n", line_end + 2);
    const std::string line = answer.substr(line_end + 2, next - line_end - 2);
    const size_t colon = line.find(": ");
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = line.substr(colon + 2);
    line_end = next;
  }
  return reply;
}

Reply Get(const ServeProcess& server, const std::string& path) {
  return Ask(server.port, "GET", server.base + path);
}

// The events an open page receives.
class EventStream {
 public:
  explicit EventStream(int port) : socket_(Connect(port)) {
    const std::string request =
        "GET /.kiosk/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    EXPECT_EQ(write(socket_, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  }
  ~EventStream() { close(socket_); }

  // The data of the next status event, or "" when none came in time.
  std::string Next(std::chrono::seconds timeout = 60s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const size_t start = received_.find("data: ", read_);
      const size_t end = start == std::string::npos ? start : received_.find("\n", start);
      if (end != std::string::npos) {
        read_ = end;
        return received_.substr(start + 6, end - start - 6);
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return "";
      pollfd fd{socket_, POLLIN, 0};
      if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) return "";
      char buffer[4096];
      const ssize_t size = read(socket_, buffer, sizeof buffer);
      if (size <= 0) return "";
      received_.append(buffer, size);
    }
  }

 private:
  int socket_;
  std::string received_;
  size_t read_ = 0;
};

class ServeCommandTest : public ::testing::Test {
 protected:
  SiteFixture site_;
};

TEST_F(ServeCommandTest, ServesTheSiteFromAPrivateFolderWithTheLiveReloadScript) {
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  EXPECT_EQ(server.base, "/office/");
  Reply home = Get(server, "");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(home.headers["cache-control"], "no-cache");
  EXPECT_NE(home.body.find("<script src=\"/.kiosk/live-reload.js\" data-generation=\"1\">"),
            std::string::npos);
  // Built into SITE/.kiosk/preview, never into output/, and without the script.
  EXPECT_FALSE(fs::exists(site_.out_dir()));
  EXPECT_EQ(site_.Read(".kiosk/preview/index.html").find("live-reload"), std::string::npos);

  Reply css = Get(server, "css/site.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
  // Kept by the browser and asked for again on every load: unchanged, without its bytes.
  EXPECT_EQ(css.headers["cache-control"], "no-cache");
  ASSERT_FALSE(css.headers["etag"].empty());
  Reply again = Ask(server.port, "GET", server.base + "css/site.css",
                    "If-None-Match: " + css.headers["etag"] + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(
      Ask(server.port, "GET", server.base + "css/site.css", "If-None-Match: \"old\"\r\n").status,
      200);
  Reply head = Ask(server.port, "HEAD", server.base + "css/site.css");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["content-length"], std::to_string(css.body.size()));
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(Ask(server.port, "POST", server.base).status, 405);
  EXPECT_EQ(Ask(server.port, "GET", "/").status, 301);
  EXPECT_EQ(Ask(server.port, "GET", "/").headers["location"], "/office/");
  EXPECT_EQ(Get(server, "faq").headers["location"], "/office/faq/");
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

TEST_F(ServeCommandTest, ChinesePathsAndTheSites404Page) {
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  Reply news = Get(server, "news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/");
  EXPECT_EQ(news.status, 200);
  EXPECT_NE(news.body.find("志工"), std::string::npos);
  Reply missing = Get(server, "faq/no-such-page/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(missing.body, [&] {
    std::string page = site_.Read(".kiosk/preview/404.html");
    return page.insert(page.rfind("</body>"),
                       "<script src=\"/.kiosk/live-reload.js\" data-generation=\"1\"></script>\n");
  }());
  Reply english = Get(server, "en/faq/no-such-page/");
  EXPECT_EQ(english.status, 404);
  EXPECT_NE(english.body.find("lang=\"en\""), std::string::npos);
  EXPECT_EQ(Ask(server.port, "GET", "/elsewhere/").status, 404);
}

TEST_F(ServeCommandTest, RefusesEveryWayOutOfTheServedFolder) {
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  // Links in the served folder that lead out of it.
  fs::create_symlink("/etc/passwd", site_.site_dir() + "/.kiosk/preview/leak.txt");
  fs::create_directory_symlink("/etc", site_.site_dir() + "/.kiosk/preview/etc");
  fs::create_directory_symlink(site_.site_dir(), site_.site_dir() + "/.kiosk/preview/site");
  for (const std::string target :
       {"/office/../../../../etc/passwd", "/office/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/office/..%2f..%2f..%2fetc%2fpasswd", "/office/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd",
        "/office/..\\..\\etc\\passwd", "/office/%c0%ae%c0%ae/etc/passwd", "/office/leak.txt",
        "/office/etc/passwd", "/office/site/site.yaml", "/office/.kiosk-output",
        "/office/index.html%00.css", "../../etc/passwd", "/office/%"}) {
    Reply reply = Ask(server.port, "GET", target);
    EXPECT_TRUE(reply.status == 400 || reply.status == 404) << target << ": " << reply.status;
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(reply.body.find("base_url"), std::string::npos) << target;
  }
}

TEST_F(ServeCommandTest, OpenPagesFollowEditsErrorsAndFixes) {
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  EventStream events(server.port);
  EXPECT_EQ(events.Next(), "{\"generation\":1,\"errors\":[]}");
  const std::string home_tag = Get(server, "en/").headers["etag"];

  const std::string page = site_.Read("content/faq/id-card.en.md");
  site_.Write("content/faq/id-card.en.md", page + "\nA sentence added while serving.\n");
  EXPECT_EQ(events.Next(), "{\"generation\":2,\"errors\":[]}");
  // A page the edit left as it was is still sent again, as its live-reload script names the
  // build before: kept, it would reload itself.
  Reply home = Ask(server.port, "GET", server.base + "en/", "If-None-Match: " + home_tag + "\r\n");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("data-generation=\"2\""), std::string::npos);
  EXPECT_NE(Get(server, "en/faq/id-card/").body.find("A sentence added while serving."),
            std::string::npos);

  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID card FAQ\ndate: 2026-13-01\n---\n");
  const std::string broken = events.Next();
  EXPECT_NE(broken.find("\"generation\":3"), std::string::npos) << broken;
  EXPECT_NE(broken.find("\"where\":\"content/faq/id-card.en.md:3:"), std::string::npos) << broken;
  EXPECT_NE(Get(server, "en/faq/id-card/").body.find("A sentence added while serving."),
            std::string::npos)
      << "the last good build is still served";

  site_.Write("content/faq/id-card.en.md", page + "\nFixed.\n");
  EXPECT_EQ(events.Next(), "{\"generation\":4,\"errors\":[]}");
  EXPECT_NE(Get(server, "en/faq/id-card/").body.find("Fixed."), std::string::npos);
  EXPECT_EQ(server.Stop(), 0) << "with a page's events still open: " << server.output();
}

TEST_F(ServeCommandTest, ASiteThatNeverBuiltShowsItsErrors) {
  site_.Write("content/faq/id-card.en.md", "---\ntitle: [unclosed\n---\n");
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  Reply problems = Get(server, "faq/");
  EXPECT_EQ(problems.status, 503);
  EXPECT_NE(problems.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(problems.body.find("<code>content/faq/id-card.en.md:3:1</code>"), std::string::npos)
      << problems.body;
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID card\n---\nText.\n");
  ASSERT_TRUE(server.WaitForOutput("built in")) << server.output();
  EXPECT_EQ(Get(server, "faq/").status, 200) << server.output();
}

TEST_F(ServeCommandTest, ASlowClientHoldsUpNoOther) {
  ServeProcess server(site_.site_dir());
  ASSERT_GT(server.port, 0) << server.output();
  std::vector<int> idle;
  for (int i = 0; i < 8; ++i) {  // half a request each, never finished
    idle.push_back(Connect(server.port));
    const std::string half = "GET " + server.base + " HTTP/1.1\r\nHost: 127.0";
    EXPECT_GT(write(idle.back(), half.data(), half.size()), 0);
  }
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Get(server, "faq/").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  for (int socket_fd : idle) close(socket_fd);
}

TEST_F(ServeCommandTest, DraftsOnlyWhenAskedFor) {
  {
    ServeProcess server(site_.site_dir());
    ASSERT_GT(server.port, 0) << server.output();
    EXPECT_EQ(Get(server, "news/draft/").status, 404);
  }
  ServeProcess drafts(site_.site_dir(), {"--drafts"});
  ASSERT_GT(drafts.port, 0) << drafts.output();
  EXPECT_EQ(Get(drafts, "news/draft/").status, 200);
}

TEST_F(ServeCommandTest, TheNextSessionStartsFromTheLast) {
  {
    ServeProcess server(site_.site_dir());
    ASSERT_GT(server.port, 0) << server.output();
    site_.Write("content/faq/id-card.en.md", site_.Read("content/faq/id-card.en.md") + "\nA.\n");
    ASSERT_TRUE(server.WaitForOutput("1 page rendered")) << server.output();
    EXPECT_EQ(server.Stop(), 0);
  }
  ServeProcess again(site_.site_dir());
  EXPECT_TRUE(again.WaitForOutput("the first build: built in")) << again.output();
  EXPECT_NE(again.output().find("0 pages rendered"), std::string::npos) << again.output();
}

TEST_F(ServeCommandTest, AnotherAddressThanThisMachineIsSaidSo) {
  ServeProcess server(site_.site_dir(), {"--bind", "0.0.0.0"});
  EXPECT_TRUE(server.WaitForOutput("listening on 0.0.0.0, not only on this machine"))
      << server.output();
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace kiosk
