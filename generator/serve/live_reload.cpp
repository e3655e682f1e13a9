#include "serve/live_reload.h"

#include <algorithm>

#include "base/text.h"
#include "render/structured_data.h"

namespace kiosk::serve {

namespace {

// Where a problem is, as the command line prints it: "content/faq/a.md:3:1".
std::string Where(const Diagnostic& diagnostic) {
  std::string where = diagnostic.where.file;
  if (diagnostic.where.line > 0) {
    where += ':' + std::to_string(diagnostic.where.line) + ':' +
             std::to_string(std::max(diagnostic.where.column, 1));
  }
  return where;
}

// The alert's look: a block above the page, not over it, so that nothing of the page is
// hidden at any zoom; relative units only, and dark red on pale red (contrast above 10:1).
constexpr std::string_view kAlertStyle =
    "margin:0;padding:1rem 1.25rem;background:#fdecea;color:#5f0000;"
    "border-bottom:0.25rem solid #b3261e;font:1rem/1.5 system-ui,sans-serif";

// Follows the server's events: reloads once a build changed the site since the page was
// served; shows a failed build's errors (the page is then the last good build's) until the
// next build, which reloads the page when it succeeds.
constexpr std::string_view kScript = R"js(// kiosk serve: live reload and build errors.
(() => {
  const served = document.currentScript.dataset.generation;
  const chinese = (document.documentElement.lang || "").startsWith("zh");
  const style = "STYLE";
  function show(errors) {
    let alert = document.getElementById("kiosk-build-errors");
    if (!alert) {
      alert = document.createElement("section");
      alert.id = "kiosk-build-errors";
      alert.setAttribute("role", "alert");
      alert.setAttribute("style", style);
      document.body.prepend(alert);
    }
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = chinese
        ? `kiosk serve：建置有 ${errors.length} 個錯誤，修正後本頁會自動更新（在那之前顯示的是上一次成功的建置）`
        : errors.length == 1
        ? "kiosk serve: the build has 1 error; this page updates by itself once it is fixed " +
          "(until then it shows the last good build)"
        : `kiosk serve: the build has ${errors.length} errors; this page updates by itself ` +
          "once they are fixed (until then it shows the last good build)";
    title.append(strong);
    const list = document.createElement("ul");
    for (const error of errors) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = error.where;
      item.append(where, ": " + error.message + (error.hint ? " — " + error.hint : ""));
      list.append(item);
    }
    alert.replaceChildren(title, list);
  }
  const events = new EventSource("EVENTS");
  events.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    if (status.errors.length > 0) {
      show(status.errors);
    } else if (String(status.generation) !== served) {
      location.reload();
    } else {
      document.getElementById("kiosk-build-errors")?.remove();
    }
  });
})();
)js";

}  // namespace

std::string StatusJson(const SiteStatus& status) {
  std::string json = "{\"generation\":" + std::to_string(status.generation) + ",\"errors\":[";
  for (size_t i = 0; i < status.errors.size(); ++i) {
    const Diagnostic& error = status.errors[i];
    json += (i ? "," : "") + std::string("{\"where\":") + JsonString(Where(error)) +
            ",\"message\":" + JsonString(error.message) + ",\"hint\":" + JsonString(error.hint) +
            "}";
  }
  return json + "]}";
}

std::string StatusEvent(const SiteStatus& status) {
  return "event: status\ndata: " + StatusJson(status) + "\n\n";
}

std::string_view LiveReloadScript() {
  static const std::string script = [] {
    std::string text(kScript);
    text.replace(text.find("STYLE"), 5, kAlertStyle);
    text.replace(text.find("EVENTS"), 6, kEventsPath);
    return text;
  }();
  return script;
}

std::string WithLiveReload(std::string_view html, uint64_t generation) {
  const std::string tag = "<script src=\"" + std::string(kScriptPath) + "\" data-generation=\"" +
                          std::to_string(generation) + "\"></script>\n";
  const size_t body = html.rfind("</body>");
  std::string page(html.substr(0, body == std::string_view::npos ? html.size() : body));
  page += tag;
  if (body != std::string_view::npos) page += html.substr(body);
  return page;
}

std::string ProblemsPage(const SiteStatus& status) {
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>kiosk serve：網站尚未建置成功 / The site has not been built yet</title>\n"
      "</head>\n<body>\n"
      "<main>\n<h1>網站尚未建置成功 <span lang=\"en\">The site has not been built yet</span></h1>\n"
      "<p>修正下列錯誤後，本頁會自動更新。 <span lang=\"en\">Fix the errors below: this page "
      "updates by itself.</span></p>\n<section id=\"kiosk-build-errors\" role=\"alert\" style=\"";
  page += kAlertStyle;
  page += "\">\n<ul>\n";
  for (const Diagnostic& error : status.errors) {
    page += "<li><code>" + EscapeHtml(Where(error)) + "</code>: " + EscapeHtml(error.message);
    if (!error.hint.empty()) page += " — " + EscapeHtml(error.hint);
    page += "</li>\n";
  }
  page += "</ul>\n</section>\n</main>\n</body>\n</html>\n";
  return WithLiveReload(page, status.generation);
}

void StatusChannel::Publish(SiteStatus status) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    status_ = std::move(status);
  }
  changed_.notify_all();
}

SiteStatus StatusChannel::Current() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

std::optional<SiteStatus> StatusChannel::WaitForChange(uint64_t seen,
                                                       std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [&] { return closed_ || status_.generation != seen; }) ||
      closed_) {
    return std::nullopt;
  }
  return status_;
}

void StatusChannel::Close() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool StatusChannel::closed() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return closed_;
}

}  // namespace kiosk::serve
