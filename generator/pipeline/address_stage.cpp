#include "pipeline/address_stage.h"

#include <optional>
#include <string_view>
#include <vector>

#include "addresses/addresses.h"
#include "addresses/published.h"

namespace kiosk {

std::string ReadPublished(const BuildContext& context) {
  const std::string path = context.SitePath(kPublishedFile);
  if (!context.fs.IsFile(path)) return {};
  Result<std::string> text = context.fs.ReadFile(path);
  if (!text) {
    context.diagnostics.add(context.Shown(text.error()));  // a link out of the site
    return {};
  }
  return std::move(*text);
}

void SettleAddressStage(const BuildContext& context, LoadedSite& loaded, const BuildLog* log) {
  const std::string file = context.DisplayPath(kPublishedFile);
  const std::optional<std::vector<PublishedAddress>> published = ParsePublished(
      loaded.published, file, loaded.config.config->written_base_url, context.diagnostics);
  AddressOptions options;
  options.published_file = file;
  options.content_dir = context.DisplayPath("content");
  options.previous = log;
  options.check_published = published && !context.diagnostics.has_errors();
  options.label = [&](const std::string& language, const std::string& key) {
    return PageLabel(&loaded.theme, language, key);
  };
  const std::vector<std::string> new_addresses =
      SettleAddresses(loaded.site, published.value_or(std::vector<PublishedAddress>()), options,
                      context.diagnostics);
  // A preview (kiosk serve, drafts, another address) makes what a publication may not.
  const bool preview = !context.options.record_addresses || context.options.include_drafts ||
                       !context.options.base_url.empty();
  if (!published || preview) {
    loaded.published_after = loaded.published;
  } else if (new_addresses.empty()) {
    loaded.published_after = FormatPublished(*published);
  } else {
    loaded.published_after = FormatPublished(WithAddresses(*published, new_addresses));
  }
}

void RecordPublished(const BuildContext& context, const LoadedSite& loaded) {
  if (loaded.published_after == loaded.published) return;
  const std::string path = context.SitePath(kPublishedFile);
  const std::string_view bytes = loaded.published_after;
  if (Status status = ReplaceFile(context.fs, path, path + ".kiosk-partial", {&bytes, 1});
      !status) {
    Diagnostic problem = context.Shown(status.error());
    problem.hint = "the site was written, but " + context.DisplayPath(kPublishedFile) +
                   " could not record its addresses: make the file writable and build again";
    context.diagnostics.add(std::move(problem));
  }
}

}  // namespace kiosk
