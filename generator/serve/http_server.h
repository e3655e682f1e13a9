// The HTTP server kiosk serve answers through. It is Debian's cpp-httplib, in a module of its
// own (kiosk-http.so, beside the program) that only `kiosk serve` loads: the OpenSSL and
// brotli libraries that cpp-httplib brings would add about 3 ms to the start of every command.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace kiosk::serve {

struct HttpRequest {
  std::string method;
  std::string target;  // as sent, still percent-encoded: "/office/faq/?q=1"
  std::string if_none_match;  // the ETags of the copies the client holds, as sent
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;  // left out for HEAD, its length still given
  // Instead of `body`, a stream (Server-Sent Events): called again and again with a writer,
  // which returns false once the client is gone, until it returns false.
  std::function<bool(const std::function<bool(std::string_view)>& write)> stream;
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // The port now bound (`port`, or any free one for 0), or -1.
  virtual int Bind(const std::string& address, int port) = 0;
  // Answers requests until Stop, each connection on a thread of its own (up to the number it
  // was made with), so that a slow client does not hold up the others.
  virtual void Listen() = 0;
  virtual void Stop() = 0;
};

// Loads the module and makes a server that answers every request with `handler`, on up to
// `connections` connections at once.
Result<std::unique_ptr<HttpServer>> MakeHttpServer(HttpHandler handler, int connections);

inline constexpr const char* kHttpModule = "kiosk-http.so";
inline constexpr const char* kHttpEntry = "kiosk_make_http_server";
inline constexpr const char* kHttpBuildSymbol = "kiosk_http_build";

// What kiosk and the module must agree on: the version and the types that cross.
inline std::string HttpModuleBuild() {
  return std::string(KIOSK_VERSION) + " " + std::to_string(sizeof(HttpRequest)) + " " +
         std::to_string(sizeof(HttpResponse)) + " " + std::to_string(sizeof(HttpHandler));
}

}  // namespace kiosk::serve

// The module's entry (kHttpEntry): a new server, owned by the caller.
extern "C" kiosk::serve::HttpServer* kiosk_make_http_server(
    const kiosk::serve::HttpHandler* handler, int connections);
extern "C" const char* kiosk_http_build();
