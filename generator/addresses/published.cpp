#include "addresses/published.h"

#include <algorithm>
#include <charconv>

#include "addresses/address.h"
#include "base/text.h"

namespace kiosk {

namespace {

constexpr std::string_view kHeader =
    "# Every address this site has published, kept by kiosk: commit it with the content.\n"
    "# A build that would no longer make one of them fails (see \"Published addresses\" in\n"
    "# kiosk's README); posters=N counts the QR posters printed with it.\n";

constexpr std::string_view kPostersKey = "posters=";

bool IsConflictMarker(std::string_view line) {
  for (std::string_view marker : {"<<<<<<<", "|||||||", "=======", ">>>>>>>"}) {
    if (StartsWith(line, marker)) return true;
  }
  return false;
}

bool ByAddress(const PublishedAddress& a, const PublishedAddress& b) {
  return a.address < b.address;
}

}  // namespace

std::optional<std::vector<PublishedAddress>> ParsePublished(std::string_view text,
                                                            const std::string& file,
                                                            std::string_view base_url,
                                                            Diagnostics& diagnostics) {
  if (const auto bad = FindInvalidUtf8(text)) {
    diagnostics.error({file, bad->line, bad->column}, "the file is not valid UTF-8",
                      "save it as UTF-8, as kiosk writes it");
    return std::nullopt;
  }
  std::vector<PublishedAddress> addresses;
  bool failed = false;
  int number = 0;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = Trim(text.substr(start, end - start));
    start = end + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    if (IsConflictMarker(line)) {
      diagnostics.error({file, number, 1}, "a merge left its conflict markers here",
                        "keep the addresses of both sides and delete the marker lines: kiosk "
                        "sorts the file again");
      failed = true;
      continue;
    }
    const size_t space = static_cast<size_t>(
        std::find_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; }) -
        line.begin());
    Result<std::string> address =
        ReadSiteAddress(line.substr(0, space), {file, number, 1}, base_url);
    if (!address) {
      diagnostics.add(address.error());
      failed = true;
      continue;
    }
    PublishedAddress entry{std::move(*address), 0, number};
    const std::string_view rest = Trim(line.substr(space));
    if (!rest.empty()) {
      const std::string_view count = rest.substr(std::min(rest.size(), kPostersKey.size()));
      const auto [end_of_count, error] =
          std::from_chars(count.data(), count.data() + count.size(), entry.posters);
      if (!StartsWith(rest, kPostersKey) || error != std::errc() ||
          end_of_count != count.data() + count.size() || entry.posters < 0) {
        diagnostics.error({file, number, static_cast<int>(space) + 2},
                          "'" + std::string(rest) + "' after the address is not a count of posters",
                          "write 'posters=N' after the address, or nothing");
        failed = true;
        continue;
      }
    }
    addresses.push_back(std::move(entry));
  }
  if (failed) return std::nullopt;
  // As kiosk writes it, the file is in order already; as a merge left it, perhaps not.
  if (!std::is_sorted(addresses.begin(), addresses.end(), ByAddress)) {
    std::stable_sort(addresses.begin(), addresses.end(), ByAddress);
  }
  size_t kept = 0;
  for (size_t i = 0; i < addresses.size(); ++i) {
    if (kept > 0 && addresses[kept - 1].address == addresses[i].address) {
      addresses[kept - 1].posters = std::max(addresses[kept - 1].posters, addresses[i].posters);
    } else if (kept++ != i) {
      addresses[kept - 1] = std::move(addresses[i]);
    }
  }
  addresses.resize(kept);
  return addresses;
}

std::string FormatPublished(const std::vector<PublishedAddress>& addresses) {
  std::string text(kHeader);
  text.reserve(kHeader.size() + 40 * addresses.size());
  for (const PublishedAddress& entry : addresses) {
    text += entry.address;
    if (entry.posters > 0) text += " " + std::string(kPostersKey) + std::to_string(entry.posters);
    text += '\n';
  }
  return text;
}

std::vector<PublishedAddress> WithAddresses(const std::vector<PublishedAddress>& published,
                                            const std::vector<std::string>& made) {
  std::vector<PublishedAddress> all;
  all.reserve(published.size() + made.size());
  auto next = published.begin();
  for (const std::string& address : made) {
    for (; next != published.end() && next->address < address; ++next) all.push_back(*next);
    if (next != published.end() && next->address == address) {
      all.push_back(*next++);
    } else {
      all.push_back({address, 0, 0});
    }
  }
  all.insert(all.end(), next, published.end());
  return all;
}

Status RecordPosters(FileSystem& fs, const std::string& site_dir, const std::string& display_dir,
                     std::string_view base_url, const std::vector<std::string>& printed) {
  const std::string path = JoinPath(site_dir, kPublishedFile);
  const std::string file = JoinPath(display_dir, kPublishedFile);
  const Result<std::string> text = fs.IsFile(path) ? fs.ReadFile(path) : std::string();
  if (!text) return text.error();
  Diagnostics problems;
  std::optional<std::vector<PublishedAddress>> published =
      ParsePublished(*text, file, base_url, problems);
  if (!published) return problems.items().front();
  std::vector<std::string> sorted = printed;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<PublishedAddress> record = WithAddresses(*published, sorted);
  for (PublishedAddress& entry : record) {
    if (std::binary_search(sorted.begin(), sorted.end(), entry.address)) ++entry.posters;
  }
  const std::string bytes = FormatPublished(record);
  const std::string_view piece = bytes;
  return ReplaceFile(fs, path, path + ".kiosk-partial", {&piece, 1});
}

}  // namespace kiosk
