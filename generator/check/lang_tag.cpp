#include "check/lang_tag.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace kiosk::check {

namespace {

bool AllOf(std::string_view text, int (*test)(int)) {
  return std::all_of(text.begin(), text.end(),
                     [test](char c) { return test(static_cast<unsigned char>(c)) != 0; });
}
bool Alpha(std::string_view s) { return AllOf(s, std::isalpha); }
bool Digits(std::string_view s) { return AllOf(s, std::isdigit); }
bool Alnum(std::string_view s) { return AllOf(s, std::isalnum); }

bool IsIso639_1(std::string code) {
  static const std::set<std::string> kCodes = {
      "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
      "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
      "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi",
      "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
      "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu",
      "iw", "ja", "ji", "jv", "jw", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr",
      "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg",
      "mh", "mi", "mk", "ml", "mn", "mo", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
      "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps",
      "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk",
      "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th",
      "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve",
      "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"};
  return kCodes.count(code) > 0;
}

std::vector<std::string> Subtags(std::string_view tag) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dash = tag.find('-', start);
    std::string part(tag.substr(start, dash == std::string_view::npos ? dash : dash - start));
    for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    parts.push_back(part);
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return parts;
}

}  // namespace

bool IsValidLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 64) return false;
  const std::vector<std::string> parts = Subtags(tag);
  for (const std::string& part : parts) {
    if (part.empty() || part.size() > 8 || !Alnum(part)) return false;
  }
  size_t i = 0;
  // Private use ("x-whatever") and the irregular "i-" tags.
  if (parts[0] == "x" || parts[0] == "i") return parts.size() >= 2;
  const std::string& language = parts[0];
  // Four letters are reserved and no five-to-eight letter language is registered: a word
  // such as "english" or "chinese" is not a language tag.
  if (!Alpha(language) || language.size() < 2 || language.size() > 3) return false;
  if (language.size() == 2 && !IsIso639_1(language)) return false;
  ++i;
  // Extended language subtags (zh-yue): up to three of three letters.
  for (int extlang = 0; extlang < 3 && i < parts.size() && parts[i].size() == 3 && Alpha(parts[i]);
       ++extlang) {
    ++i;
  }
  if (i < parts.size() && parts[i].size() == 4 && Alpha(parts[i])) ++i;  // script: Hant
  if (i < parts.size() &&
      ((parts[i].size() == 2 && Alpha(parts[i])) || (parts[i].size() == 3 && Digits(parts[i])))) {
    ++i;  // region: TW, 419
  }
  while (i < parts.size() &&
         ((parts[i].size() >= 5) ||
          (parts[i].size() == 4 && std::isdigit(static_cast<unsigned char>(parts[i][0]))))) {
    ++i;  // variants
  }
  while (i < parts.size() && parts[i].size() == 1) {
    // Extensions ("u-ca-roc") and private use ("x-…"): a singleton, then subtags of 2–8.
    const bool private_use = parts[i] == "x";
    ++i;
    const size_t start = i;
    while (i < parts.size() && (parts[i].size() >= 2 || private_use)) ++i;
    if (i == start) return false;
    if (private_use) return i == parts.size();
  }
  return i == parts.size();
}

}  // namespace kiosk::check
