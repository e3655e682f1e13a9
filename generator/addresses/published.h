// published.txt: every address a site has published, in its site folder, committed with its
// content, so that a fresh clone (a colleague's, CI's) knows them as well as the machine that
// built them. One address a line, sorted by bytes, each with the QR posters printed of it:
//
//   /faq/id-card/ posters=3
//   /s/id/
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "fs/file_system.h"

namespace kiosk {

inline constexpr const char* kPublishedFile = "published.txt";

struct PublishedAddress {
  std::string address;  // as addresses/address.h reads it: "/faq/id-card/"
  int posters = 0;      // QR posters printed with this address in their code (kiosk poster)
  int line = 0;         // in the file as read; 0 for an address added since
};

// The addresses of the file's text, sorted, each once (a merge that kept both sides' line
// keeps the larger count of posters). A line that is not an address, such as a merge's
// conflict markers, is an error at its line; nullopt then. `base_url` as in site.yaml.
std::optional<std::vector<PublishedAddress>> ParsePublished(std::string_view text,
                                                            const std::string& file,
                                                            std::string_view base_url,
                                                            Diagnostics& diagnostics);

// The file's text: a comment that says what the file is, then an address a line.
std::string FormatPublished(const std::vector<PublishedAddress>& addresses);

// `published` and `made` (both sorted) together: an address in both keeps its posters.
std::vector<PublishedAddress> WithAddresses(const std::vector<PublishedAddress>& published,
                                            const std::vector<std::string>& made);

// Counts one poster more for each of `printed` (addresses, as above) in the site's
// published.txt, adding those it lacks; the file is replaced whole, never half-written.
// `display_dir` names the site folder in messages.
Status RecordPosters(FileSystem& fs, const std::string& site_dir, const std::string& display_dir,
                     std::string_view base_url, const std::vector<std::string>& printed);

}  // namespace kiosk
