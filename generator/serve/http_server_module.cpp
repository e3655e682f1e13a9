// kiosk-http.so: HttpServer on cpp-httplib.
#include <httplib.h>

#include "serve/http_server.h"

namespace kiosk::serve {
namespace {

class HttplibServer : public HttpServer {
 public:
  HttplibServer(HttpHandler handler, int connections) : handler_(std::move(handler)) {
    server_.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
    // Headers and body go out as separate writes: with Nagle's algorithm the body waits for
    // the client's delayed acknowledgement, 40 ms for every stylesheet of a reloaded page.
    server_.set_tcp_nodelay(true);
    // Every request goes to the handler, which reads the target itself: httplib's routing
    // would match decoded paths against regular expressions.
    server_.set_pre_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
          Answer(request, response);
          return httplib::Server::HandlerResponse::Handled;
        });
  }

  int Bind(const std::string& address, int port) override {
    if (port == 0) return server_.bind_to_any_port(address);
    return server_.bind_to_port(address, port) ? port : -1;
  }
  void Listen() override { server_.listen_after_bind(); }
  void Stop() override { server_.stop(); }

 private:
  void Answer(const httplib::Request& request, httplib::Response& response) {
    HttpResponse answer;
    handler_({request.method, request.target, request.get_header_value("If-None-Match")}, answer);
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) response.set_header(name, value);
    if (!answer.stream && answer.body.empty()) {
      // httplib asks a provider of length 0 for more until it says it is done.
      response.set_content("", answer.content_type);
      return;
    }
    if (!answer.stream) {
      // Through a provider of known length, which httplib sends as it is: compressing for
      // the machine itself costs more than it saves (brotli, which browsers ask for first,
      // took 50 to 100 ms a stylesheet).
      auto body = std::make_shared<const std::string>(std::move(answer.body));
      response.set_content_provider(
          body->size(), answer.content_type,
          [body](size_t offset, size_t length, httplib::DataSink& sink) {
            return sink.write(body->data() + offset, length);
          });
      return;
    }
    response.set_chunked_content_provider(
        answer.content_type, [stream = std::move(answer.stream)](size_t, httplib::DataSink& sink) {
          const bool more = stream([&sink](std::string_view data) {
            return sink.is_writable() && sink.write(data.data(), data.size());
          });
          if (!more) sink.done();
          return true;
        });
  }

  HttpHandler handler_;
  httplib::Server server_;
};

}  // namespace
}  // namespace kiosk::serve

extern "C" kiosk::serve::HttpServer* kiosk_make_http_server(
    const kiosk::serve::HttpHandler* handler, int connections) {
  return new kiosk::serve::HttplibServer(*handler, connections);
}

extern "C" const char* kiosk_http_build() {
  static const std::string build = kiosk::serve::HttpModuleBuild();
  return build.c_str();
}
