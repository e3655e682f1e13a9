#include "serve/http_server.h"

#include "base/module.h"

namespace kiosk::serve {

Result<std::unique_ptr<HttpServer>> MakeHttpServer(HttpHandler handler, int connections) {
  const Result<void*> entry =
      LoadModule({kHttpModule, "the HTTP module", kHttpEntry, kHttpBuildSymbol, HttpModuleBuild(),
                  "Debian's libcpp-httplib0.11"});
  if (!entry) return entry.error();
  const auto make = reinterpret_cast<HttpServer* (*)(const HttpHandler*, int)>(*entry);
  return std::unique_ptr<HttpServer>(make(&handler, connections));
}

}  // namespace kiosk::serve
