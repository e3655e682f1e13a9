#include "render/site_files.h"

#include <algorithm>
#include <functional>

#include "base/hash.h"
#include "base/text.h"

namespace kiosk {

std::string Rfc3339(const Date& date) {
  std::string time = date.iso;
  if (time.size() == 10) return time + "T00:00:00+08:00";
  const size_t clock = time.find('T') + 1;
  if (time.size() - clock == 5) time.insert(clock + 5, ":00");  // hh:mm -> hh:mm:ss
  if (time.back() != 'Z' && time.find('+', clock) == std::string::npos &&
      time.find('-', clock) == std::string::npos) {
    time += "+08:00";
  }
  return time;
}

namespace {

bool InSitemap(const Page& page) {
  return page.kind != PageKind::kRedirect && page.kind != PageKind::kNotFound &&
         page.kind != PageKind::kSearch && page.kind != PageKind::kEnded;
}

// A page as the site map lists it, with nothing but what it shows: its path (its address
// is the site's base URL and the path), the day of its last update, and its translations
// (itself among them) as languages and paths, in the order of site.yaml's languages; none
// for a page without translations.
struct SiteMapEntry {
  std::string_view path;
  std::string_view lastmod;                                               // YYYY-MM-DD, or empty
  std::vector<std::pair<std::string_view, std::string_view>> alternates;  // html_lang, path
};

// Calls `visit` for every entry of the site map, in order. SiteMapXml writes what it is
// given and SiteMapStamp fingerprints it, so that the two cover the same values.
void ForEachSiteMapEntry(const Site& site, const std::function<void(const SiteMapEntry&)>& visit) {
  SiteMapEntry entry;
  for (const Page& page : site.pages()) {
    if (!InSitemap(page)) continue;
    entry.path = page.path;
    const Date* updated = page.last_updated();
    entry.lastmod = updated ? std::string_view(updated->iso).substr(0, 10) : std::string_view();
    entry.alternates.clear();
    if (page.translations.size() > 1) {
      for (const Language& language : site.config().languages) {
        const auto translated = page.translations.find(language.code);
        if (translated == page.translations.end()) continue;
        entry.alternates.emplace_back(language.html_lang, site.page(translated->second).path);
      }
    }
    visit(entry);
  }
}

std::string SiteMapXml(const Site& site) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  // Appended piece by piece: a city portal's site map has tens of thousands of entries, and
  // an edit makes it again.
  ForEachSiteMapEntry(site, [&](const SiteMapEntry& entry) {
    xml += "  <url>\n    <loc>";
    AppendEscapedHtml(xml, site.Permalink(entry.path));
    xml += "</loc>\n";
    if (!entry.lastmod.empty())
      xml.append("    <lastmod>").append(entry.lastmod).append("</lastmod>\n");
    for (const auto& [html_lang, path] : entry.alternates) {
      xml.append("    <xhtml:link rel=\"alternate\" hreflang=\"")
          .append(html_lang)
          .append("\" href=\"");
      AppendEscapedHtml(xml, site.Permalink(path));
      xml += "\"/>\n";
    }
    xml += "  </url>\n";
  });
  return xml + "</urlset>\n";
}

// The newest news items of a language, as Atom; empty when the language has none.
std::string Feed(const Site& site, const Theme& theme, const Language& language) {
  if (!site.HasNewsFeed(language.code)) return {};
  const std::vector<int> latest = site.Latest(language.code, 30);
  const SiteConfig& config = site.config();
  const Page& home = site.page(site.home(language.code));
  const std::string feed_url = site.config().base_url + FeedPath(language);
  const auto& strings = theme.Strings(language.code);
  const std::string title =
      strings.count("news_feed") ? strings.at("news_feed") : std::string("News");
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
      language.html_lang + "\">\n";
  xml += "  <title>" + EscapeHtml(language.title + " — " + title) + "</title>\n";
  xml += "  <id>" + EscapeHtml(feed_url) + "</id>\n";
  xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + EscapeHtml(feed_url) +
         "\"/>\n";
  xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + EscapeHtml(site.Permalink(home)) +
         "\"/>\n";
  std::string updated;  // the feed's: its newest entry's
  for (int index : latest) updated = std::max(updated, Rfc3339(*site.page(index).last_updated()));
  xml += "  <updated>" + updated + "</updated>\n";
  xml +=
      "  <author><name>" + EscapeHtml(config.office.name.Get(language.code)) + "</name></author>\n";
  for (int index : latest) {
    const Page& page = site.page(index);
    if (page.type() != "news") continue;
    const std::string url = site.Permalink(page);
    xml += "  <entry>\n    <title>" + EscapeHtml(page.title) + "</title>\n";
    xml += "    <id>" + EscapeHtml(url) + "</id>\n";
    xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + EscapeHtml(url) + "\"/>\n";
    xml += "    <published>" + Rfc3339(*page.date()) + "</published>\n";
    xml += "    <updated>" + Rfc3339(*page.last_updated()) + "</updated>\n";
    if (!page.source->description.empty()) {
      xml += "    <summary>" + EscapeHtml(page.source->description) + "</summary>\n";
    }
    xml += "  </entry>\n";
  }
  return xml + "</feed>\n";
}

}  // namespace

std::string FeedPath(const Language& language) { return language.folder() + "feed.xml"; }

OutputFile RenderSiteMap(const Site& site) { return {"sitemap.xml", SiteMapXml(site), ""}; }

uint64_t SiteMapStamp(const Site& site) {
  Fingerprint stamp;
  stamp.Add(site.config().base_url);  // of every address
  ForEachSiteMapEntry(site, [&](const SiteMapEntry& entry) {
    stamp.Add(entry.path).Add(entry.lastmod).Add(static_cast<uint64_t>(entry.alternates.size()));
    for (const auto& [html_lang, path] : entry.alternates) stamp.Add(html_lang).Add(path);
  });
  return stamp.value();
}

std::vector<OutputFile> RenderSiteFiles(const Site& site, const Theme& theme,
                                        bool site_has_robots) {
  std::vector<OutputFile> files;
  if (!site_has_robots) {
    files.push_back(
        {"robots.txt",
         "User-agent: *\nAllow: /\n\nSitemap: " + site.config().base_url + "sitemap.xml\n", ""});
  }
  for (const Language& language : site.config().languages) {
    std::string feed = Feed(site, theme, language);
    if (feed.empty()) continue;
    files.push_back({FeedPath(language), std::move(feed), ""});
  }
  return files;
}

}  // namespace kiosk
