// SiteConfig: what site.yaml says, checked and with defaults filled in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "qr/qr_code.h"

namespace kiosk {

// Text given per language code. In site.yaml it is written either once for every language
// (`phone: "(02) 1234-5678"`) or as a map of language codes (`name: {zh-TW: 民政課, en: …}`).
class LocalizedText {
 public:
  LocalizedText() = default;
  explicit LocalizedText(std::map<std::string, std::string, std::less<>> by_language)
      : by_language_(std::move(by_language)) {}
  // The text in a language; empty when none was given.
  const std::string& Get(std::string_view language) const;
  bool empty() const { return by_language_.empty(); }

 private:
  std::map<std::string, std::string, std::less<>> by_language_;
};

struct Language {
  std::string code;        // as in file names and URLs: "zh-TW", "en"
  std::string html_lang;   // for <html lang> and hreflang: "zh-Hant-TW", "en"
  std::string name;        // in its own language, for the language switcher: "中文"
  std::string title;       // the site's title in this language
  std::string url_prefix;  // "" for the default language, "/en" for the others

  // Where the language's files go below the site's root: "" or "en/".
  std::string folder() const { return url_prefix.empty() ? "" : url_prefix.substr(1) + "/"; }
};

struct Department {
  std::string id;
  LocalizedText name;
  LocalizedText location;
  std::string phone;
  std::string email;
  SourceLocation where;
};

struct Office {
  LocalizedText name;
  LocalizedText address;
  LocalizedText hours;
  std::string phone;
  std::string fax;
  std::string email;
};

// qr: in site.yaml.
struct QrConfig {
  QrLevel screen_level = QrLevel::kM;  // the code on every page and its files
  QrLevel print_level = QrLevel::kQ;   // the code on posters
  int module_pixels = 8;               // pixels per module in qr.png
  bool short_urls = false;             // give every page a short link /s/<code>/
};

// An entry of `retired:` in site.yaml: an address the site once published and no longer
// makes as a page, and what kiosk writes there instead, so that a printed code never ends
// on a 404.
struct RetiredAddress {
  std::string address;      // "/faq/parks/", as addresses/address.h reads it
  bool folder = false;      // written "/en/*": every published address below /en/ as well
  std::string replacement;  // the address of the page that replaces it; "" for "ended"
  SourceLocation where;
};

// check: in site.yaml: the accessibility level every page must pass at build time.
struct CheckConfig {
  std::string level = "AA";        // A, AA or AAA
  std::string edition = "115.11";  // 115.11, or 110.07 as today's Freego reports
};

struct SiteConfig {
  std::string file;       // the configuration file, for messages: "site.yaml"
  std::string base_url;   // absolute, ending in '/': "https://www.example.gov.tw/"
  std::string base_path;  // the path part of base_url, starting and ending in '/'
  // site.yaml's base path, which the content's root-relative links are written for, and its
  // base_url, which addresses written in full (aliases, published.txt) are read against;
  // unlike base_path and base_url, kept when a build is for another address (kiosk build
  // --base-url).
  std::string written_base_path;
  std::string written_base_url;
  std::string theme = "default";
  SourceLocation theme_where;
  std::vector<Language> languages;  // the first is the default language
  SourceLocation languages_where;
  Office office;
  std::vector<Department> departments;
  bool unsafe_html = false;  // markdown.unsafe_html: pass raw HTML in Markdown through
  int home_latest = 6;       // how many of the newest pages the home page lists
  QrConfig qr;
  CheckConfig check;
  // accessibility: the badge the site holds (無障礙標章): "A", "AA" or "AAA", or "" for none,
  // and the page of its certificate.
  std::string badge_level;
  std::string badge_url;
  std::vector<RetiredAddress> retired;  // in the order written

  const Language& default_language() const { return languages.front(); }
  const Language* FindLanguage(std::string_view code) const;
  const Department* FindDepartment(std::string_view id) const;
};

// A site's public address, as site.yaml's base_url or `kiosk build --base-url` gives it.
struct BaseUrl {
  std::string url;   // absolute, ending in '/': "https://www.example.gov.tw/office/"
  std::string path;  // its path, starting and ending in '/': "/office/"
};

// nullopt when `text` is not an absolute http(s) address; a missing final '/' is added.
std::optional<BaseUrl> ParseBaseUrl(std::string_view text);

// Reads site.yaml text. Every problem is reported to `diagnostics`; nullopt when the
// configuration cannot be used.
std::optional<SiteConfig> ParseSiteConfig(std::string_view text, const std::string& file,
                                          Diagnostics& diagnostics);

// The BCP 47 tag for <html lang>: zh-TW is written zh-Hant-TW, as the rules ask.
std::string DefaultHtmlLang(std::string_view code);

// Whether text looks like a BCP 47 language tag ("en", "zh-TW", "zh-Hant-TW").
bool LooksLikeLanguageTag(std::string_view text);
// Whether text looks like a language code as file names and URLs use them, "xx" or "xx-Yy"
// to "xx-Yyyy": a file name's suffix meant as a language, a URL's first part that was one.
bool LooksLikeLanguageCode(std::string_view text);

}  // namespace kiosk
