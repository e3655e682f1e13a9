// Images, links and the 導盲磚 accesskeys.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "check/page_context.h"

namespace kiosk::check {

namespace {

std::string Quote(const std::string& text) { return "「" + ShortenText(text, 40) + "」"; }
std::string QuoteEn(const std::string& text) { return "\"" + ShortenText(text, 40) + "\""; }

// The file name of a URL path, percent-decoded: "/img/IMG_01.jpg?x" -> "IMG_01.jpg".
std::string FileNameOf(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) path = path.substr(slash + 1);
  std::string decoded;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() &&
        std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      decoded += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += path[i];
    }
  }
  return decoded;
}

std::string Extension(const std::string& url) {
  const std::string name = Lower(FileNameOf(url));
  const size_t dot = name.find_last_of('.');
  return dot == std::string::npos ? "" : name.substr(dot + 1);
}

std::string Stem(const std::string& url) {
  std::string path = Lower(url.substr(0, url.find_first_of("?#")));
  const size_t dot = path.find_last_of('.');
  const size_t slash = path.find_last_of('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) path.resize(dot);
  return path;
}

// An image file's name, lower case: no spaces or slashes, and an image's extension.
bool IsImageFileName(std::string_view text) {
  static const std::set<std::string_view> kExtensions = {
      "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "avif", "heic", "ico"};
  const size_t dot = text.rfind('.');
  return dot != std::string_view::npos && dot > 0 &&
         text.find_first_of(" \t\n\v\f\r/\\") == std::string_view::npos &&
         kExtensions.count(text.substr(dot + 1)) > 0;
}

// The name a camera or scanner gives a picture, lower case: "dsc_0042", "img 12".
bool IsCameraName(std::string_view text) {
  for (std::string_view prefix :
       {"img", "dsc", "dscn", "dcim", "pxl", "pic", "photo", "image", "scan"}) {
    if (!text.starts_with(prefix)) continue;
    std::string_view number = text.substr(prefix.size());
    if (!number.empty() && (number.front() == '-' || number.front() == '_' || number.front() == ' ')) {
      number.remove_prefix(1);
    }
    if (!number.empty() &&
        std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

// Why an alt text says nothing, or empty when it is fine.
std::string MeaninglessAlt(const std::string& alt, const std::string& src) {
  static const std::set<std::string> kPlaceholders = {
      "image",    "img",         "photo",    "picture",
      "pic",      "graphic",     "logo",     "icon",
      "banner",   "spacer",      "alt",      "alt text",
      "untitled", "placeholder", "click",    "click here",
      "null",     "none",        "圖片",     "照片",
      "圖",       "圖示",        "圖像",     "相片",
      "影像",     "標誌",        "示意圖",   "商標",
      "無標題",   "未命名",      "替代文字", "請輸入替代文字",
      "點擊",     "點此",        "按此",     "*",
      "-",        "_",           "."};
  std::string normalised = Lower(CollapseSpace(alt));
  while (!normalised.empty() && (normalised.back() == '.' || normalised.back() == ':')) {
    normalised.pop_back();
  }
  if (normalised.empty()) return "";
  if (kPlaceholders.count(normalised)) return "placeholder";
  const std::string file = Lower(FileNameOf(src));
  const std::string file_stem = file.substr(0, file.find_last_of('.'));
  if (IsImageFileName(normalised) || IsCameraName(normalised) ||
      (!file.empty() && (normalised == file || normalised == file_stem))) {
    return "file";
  }
  return "";
}

// The nearest <a href> around an element, or -1.
int EnclosingLink(const PageContext& context, int element) {
  for (int at = context.node(element).parent; at > 0; at = context.node(at).parent) {
    if (context.node(at).name == "a" && context.node(at).Has("href")) return at;
  }
  return -1;
}

// Whether an image's usemap="#name" names a <map> holding links (<area href>): the image is
// then no decoration.
bool ImageMapHasLinks(const PageContext& context, int image) {
  const std::string usemap = context.Attr(image, "usemap");
  if (usemap.size() < 2 || usemap[0] != '#') return false;
  const std::string name = usemap.substr(1);
  const HtmlDocument& page = context.page();
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& map = page.node(id);
    if (map.name != "map" || (context.Attr(id, "name") != name && context.Attr(id, "id") != name)) {
      continue;
    }
    for (int at = id + 1; at < context.SubtreeEnd(id); ++at) {
      if (page.node(at).name == "area" && page.node(at).Has("href")) return true;
    }
  }
  return false;
}

}  // namespace

void CheckImages(PageContext& context) {
  for (int id : context.Elements()) {
    const HtmlNode& node = context.node(id);
    const std::string& name = node.name;
    const std::string* alt = node.Find("alt");
    if (name == "img") {
      if (!alt) {
        context.Report(
            "HM1110100C", id,
            "<img> 缺少替代文字 alt 屬性 — 加上說明圖片內容的 alt；純裝飾的圖片用 alt=\"\"",
            "the <img> has no alt attribute — add an alt that says what the image "
            "shows; alt=\"\" for a decorative image");
      } else if (IsBlank(*alt) && ImageMapHasLinks(context, id)) {
        context.Report("HM1110100C", id,
                       "影像地圖的圖片 alt 是空的 — 在 alt 寫出整張圖的內容，各區域再以 <area alt> "
                       "說明",
                       "the image of an image map has an empty alt — say in its alt what the "
                       "whole image shows, and in each <area alt> where it leads");
      } else if (IsBlank(*alt) && node.Has("title")) {
        context.Report("HM1110106C", id,
                       "alt 為空字串的 <img> 不得有 title 屬性 — 刪除 title，或把它的文字移到 alt",
                       "an <img> with an empty alt must not have a title — remove the title, or "
                       "move its text into alt");
      }
      if (alt) {
        const std::string* src = node.Find("src");
        const std::string why = MeaninglessAlt(*alt, src ? *src : "");
        if (why == "placeholder") {
          context.Report("KS1110100C", id,
                         "替代文字 " + Quote(*alt) + " 沒有說明圖片內容 — 寫出圖片傳達的資訊",
                         "the alt text " + QuoteEn(*alt) +
                             " does not say what the image shows — write what it tells");
        } else if (why == "file") {
          context.Report("KS1110100C", id,
                         "替代文字 " + Quote(*alt) + " 是檔名 — 改寫成圖片傳達的資訊",
                         "the alt text " + QuoteEn(*alt) +
                             " is a file name — write what the image tells instead");
        } else if (IsBlank(*alt)) {
          const int link = EnclosingLink(context, id);
          if (link >= 0 && context.AccessibleName(link, true).empty()) {
            context.Report("KS1110100C", id,
                           "鏈結中唯一的圖片 alt 為空，鏈結因此沒有名稱 — 在 alt 寫出鏈結目的",
                           "the only image of a link has an empty alt, so the link has no name "
                           "— write the link's purpose in the alt");
          }
        }
      }
      if (const std::string* longdesc = node.Find("longdesc")) {
        const std::string value = CollapseSpace(*longdesc);
        if (value.empty() || value.find(' ') != std::string::npos) {
          context.Report("HM1110102C", id, "longdesc 不是有效的 URI — 指向說明圖片的網頁",
                         "longdesc is not a valid URI — point it to a page describing the "
                         "image");
        }
      }
    } else if (node.Has("role") && Lower(context.Attr(id, "role")).rfind("img", 0) == 0 &&
               name != "img") {
      std::string label = context.AccessibleName(id, false);
      for (int child : node.children) {
        if (label.empty() && name == "svg" && context.node(child).name == "title") {
          label = CollapseSpace(context.page().TextContent(child));
        }
      }
      if (label.empty()) {
        context.Report("HM1110100C", id,
                       "role=\"img\" 的元素沒有替代文字 — 加上 aria-label 或 aria-labelledby（SVG "
                       "可用 <title>）",
                       "an element with role=\"img\" has no text alternative — add aria-label or "
                       "aria-labelledby (a <title> in SVG)");
      }
    } else if (name == "area" && node.Has("href")) {
      if ((!alt || IsBlank(*alt)) && context.AccessibleName(id, false).empty()) {
        context.Report("HM1110101C", id,
                       "影像地圖的 <area> 沒有替代文字 — 在 alt 寫出這個區域連往哪裡",
                       "the <area> has no alt text — say in its alt where it leads");
      }
    } else if (name == "input" && Lower(context.Attr(id, "type")) == "image") {
      if ((!alt || IsBlank(*alt)) && context.AccessibleName(id, false).empty()) {
        context.Report("HM1110104C", id,
                       "圖片按鈕 <input type=\"image\"> 沒有替代文字 — 在 alt 寫出按鈕的功能",
                       "the image button has no alt — say in its alt what the button does");
      }
    } else if (name == "applet") {
      if ((!alt || IsBlank(*alt)) && context.AccessibleName(id, false).empty()) {
        context.Report("HM1110105C", id, "<applet> 沒有替代文字 — 加上 alt",
                       "the <applet> has no text alternative — add an alt");
      }
    } else if (name == "embed") {
      if (context.AccessibleName(id, false).empty()) {
        context.Report("HM1110105C", id, "<embed> 沒有替代文字 — 加上說明內容的 title",
                       "the <embed> has no text alternative — add a title saying what it is");
      }
    } else if (name == "object") {
      bool fallback = false;
      for (int child : node.children) {
        const HtmlNode& inner = context.node(child);
        if (inner.is_text() ? !IsBlank(inner.text)
                            : inner.name != "param" && !context.ContentName(child).empty()) {
          fallback = true;
        }
        if (inner.name == "img" && !context.Attr(child, "alt").empty()) fallback = true;
      }
      if (!fallback && context.AccessibleName(id, false).empty()) {
        context.Report("HM1110105C", id,
                       "<object> 沒有替代內容 — 在元素中寫出替代內容，或加上 title",
                       "the <object> has no text alternative — put fallback content inside it, "
                       "or add a title");
      }
    }
  }
}

void CheckLinkRules(PageContext& context) {
  const std::vector<int> links = [&] {
    std::vector<int> found;
    for (int id : context.Elements("a")) {
      if (context.node(id).Has("href")) found.push_back(id);
    }
    return found;
  }();

  std::vector<std::string> hrefs;  // by link
  for (int id : links) hrefs.push_back(context.Attr(id, "href"));

  for (int id : links) {
    const HtmlNode& link = context.node(id);
    // Its content serves twice: for its name, and as its text.
    const std::string content = context.ContentName(id);
    const std::string name = context.AccessibleNameFrom(id, content);
    const std::string title = context.Attr(id, "title");
    if (name.empty()) {
      context.Report("HM1240401C", id, "鏈結沒有鏈結文字 — 寫出鏈結目的，或為圖片加上 alt",
                     "the link has no link text — say where it leads, or give its image an alt");
    } else if (context.options().link_context_title && title.empty()) {
      // "前後尚有其他內容": text right before or after the link, in the same element.
      const std::vector<int>& siblings = context.node(link.parent).children;
      const auto self = std::find(siblings.begin(), siblings.end(), id);
      const auto text_beside = [&](auto begin, auto end) {
        for (auto it = begin; it != end; ++it) {
          const HtmlNode& sibling = context.node(*it);
          if (sibling.is_text() && IsBlank(sibling.text)) continue;
          return sibling.is_text();
        }
        return false;
      };
      const bool before = text_beside(std::make_reverse_iterator(self), siblings.rend());
      const bool after = text_beside(self + 1, siblings.end());
      if (before || after) {
        context.Report(
            "HM1240401C", id,
            "鏈結 " + Quote(name) + " 前後有其他文字，需有 title 屬性 — 加上說明鏈結目的的 title",
            "the link " + QuoteEn(name) +
                " sits within other text, so it needs a title — add one saying "
                "where it leads");
      }
    }

    // AAA: link text and a title, both.
    const std::string text = [&] {
      const std::string label = context.Attr(id, "aria-label");
      return label.empty() ? content : label;
    }();
    if (text.empty() || title.empty()) {
      context.Report(
          "HM3240900C", id,
          text.empty() ? "鏈結沒有鏈結文字 — 寫出鏈結目的並加上 title"
                       : "鏈結 " + Quote(text) + " 沒有 title 屬性 — 加上說明鏈結目的的 title",
          text.empty()
              ? "the link has no link text — write its purpose and add a title"
              : "the link " + QuoteEn(text) + " has no title — add one saying where it leads");
    }

    // An image in a text link whose alt repeats the text: read twice.
    std::string plain;
    for (int at = id + 1; at < context.SubtreeEnd(id); ++at) {
      if (context.node(at).is_text() && !context.Skipped(at)) plain += context.node(at).text;
    }
    plain = Lower(CollapseSpace(plain));
    if (!plain.empty()) {
      for (int at = id + 1; at < context.SubtreeEnd(id); ++at) {
        if (context.node(at).name != "img" || context.Skipped(at)) continue;
        const std::string alt = Lower(context.Attr(at, "alt"));
        if (!alt.empty() && alt == plain) {
          context.Report("HM1240400C", at,
                         "圖片的 alt 與鏈結文字重複，螢幕報讀會唸兩次 — 圖片改用 alt=\"\"",
                         "the image's alt repeats the link text, so it is read twice — use "
                         "alt=\"\" on the image");
        }
      }
    }
  }

  // Two neighbouring links to one target, one an image and one text.
  for (size_t i = 0; i < links.size(); ++i) {
    const int id = links[i];
    const HtmlNode& link = context.node(id);
    const std::vector<int>& siblings = context.node(link.parent).children;
    auto it = std::find(siblings.begin(), siblings.end(), id) + 1;
    while (it != siblings.end() && context.node(*it).is_text() && IsBlank(context.node(*it).text)) {
      ++it;
    }
    if (it == siblings.end()) continue;
    const int next = *it;
    const HtmlNode& other = context.node(next);
    if (other.name != "a" || context.Skipped(next)) continue;
    const std::string next_href = context.Attr(next, "href");
    if (next_href.empty() || next_href != hrefs[i]) continue;
    // A link showing only images (and no text of its own).
    const auto image_only = [&](int a) {
      bool image = false;
      std::string text;
      for (int at = a + 1; at < context.SubtreeEnd(a); ++at) {
        const HtmlNode& inner = context.node(at);
        if (inner.name == "img" || inner.name == "svg") image = true;
        if (inner.is_text() && !context.InForeign(at)) text += inner.text;
      }
      return image && IsBlank(text);
    };
    if (image_only(id) != image_only(next)) {
      context.Report("HM1240400C", id,
                     "相鄰的圖片鏈結與文字鏈結連往同一處 — 合併成一個鏈結，圖片用 alt=\"\"",
                     "an image link and a text link next to it go to the same place — make them "
                     "one link, with alt=\"\" on the image");
    }
  }

  // Groups of links belong in <nav>.
  bool has_nav = false;
  for (int id : context.Elements()) {
    const HtmlNode& node = context.node(id);
    const bool nav = node.name == "nav" || Lower(context.Attr(id, "role")) == "navigation";
    if (!nav) continue;
    has_nav = true;
    bool has_link = false;
    for (int at = id + 1; at < context.SubtreeEnd(id); ++at) {
      if (context.node(at).name == "a" && context.node(at).Has("href") && !context.Skipped(at)) {
        has_link = true;
      }
    }
    if (!has_link) {
      context.Report("HM1240102C", id, "導覽區 <nav> 中沒有任何鏈結 — 刪除空的 <nav>，或放入鏈結",
                     "the <nav> holds no links — remove it, or put its links in it");
    }
  }
  if (!has_nav) {
    for (int id : context.Elements()) {
      const HtmlNode& list = context.node(id);
      if (list.name != "ul" && list.name != "ol") continue;
      int items = 0;
      bool all_links = true;
      for (int child : list.children) {
        const HtmlNode& item = context.node(child);
        if (item.is_text()) continue;
        ++items;
        int link_count = 0;
        for (int inner : item.children) {
          const HtmlNode& part = context.node(inner);
          if (part.is_text() && IsBlank(part.text)) continue;
          if (part.name == "a" && part.Has("href")) {
            ++link_count;
          } else {
            link_count = 99;
          }
        }
        if (link_count != 1) all_links = false;
      }
      if (items >= 3 && all_links) {
        context.Report("HM1240102C", id,
                       "一組鏈結沒有放在導覽區 <nav> 中 — 以 <nav aria-label=\"…\"> 包住",
                       "a group of links is not in a <nav> — wrap it in <nav aria-label=\"…\">");
        break;
      }
    }
  }

  // Office documents need an open-format copy.
  static const std::set<std::string> kClosed = {"doc",  "docx", "xls",  "xlsx", "ppt",  "pptx",
                                                "pps",  "ppsx", "docm", "xlsm", "pptm", "dot",
                                                "dotx", "xlt",  "xltx", "hwp",  "wps"};
  static const std::set<std::string> kOpen = {"odt", "ods",  "odp", "odg", "odf", "odb",
                                              "pdf", "html", "htm", "txt", "csv"};
  std::set<std::string> open_stems;
  for (const std::string& href : hrefs) {
    if (kOpen.count(Extension(href))) open_stems.insert(Stem(href));
  }
  for (size_t i = 0; i < links.size(); ++i) {
    const int id = links[i];
    const std::string& href = hrefs[i];
    const std::string extension = Extension(href);
    if (!kClosed.count(extension)) continue;
    bool alternative = open_stems.count(Stem(href)) > 0;
    // An open-format link in the same item (list item, paragraph, cell) counts as its copy.
    const int parent = context.node(id).parent;
    for (int at = parent + 1; !alternative && at < context.SubtreeEnd(parent); ++at) {
      const HtmlNode& node = context.node(at);
      if (node.name == "a" && kOpen.count(Extension(context.Attr(at, "href")))) alternative = true;
    }
    if (!alternative) {
      context.Report("ME1320200C", id,
                     "下載檔案 " + FileNameOf(href) +
                         " 是非開放格式，且沒有 ODF 或 PDF 版本 — 另提供 ." +
                         std::string(extension[0] == 'x'   ? "ods"
                                     : extension[0] == 'p' ? "odp"
                                                           : "odt") +
                         " 或 .pdf",
                     "the download " + FileNameOf(href) +
                         " is in a closed format with no ODF or PDF copy — offer one as well");
    }
  }
}

void CheckGuideTiles(PageContext& context) {
  const HtmlDocument& page = context.page();
  if (page.body() < 0) return;
  std::map<std::string, int> first_use;
  bool has_search = false;
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    if (!node.is_element() || !context.InBody(id)) continue;
    const std::string role = Lower(context.Attr(id, "role"));
    if (node.name == "search" || role == "search" ||
        (node.name == "input" && Lower(context.Attr(id, "type")) == "search")) {
      has_search = true;
    }
    const std::string* keys = node.Find("accesskey");
    if (!keys) continue;
    std::string normalised = *keys;
    std::replace_if(
        normalised.begin(), normalised.end(),
        [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }, ' ');
    for (const std::string& token : SplitTopLevel(normalised, ' ')) {
      std::string key = token;
      if (key.size() == 1)
        key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
      const auto [it, inserted] = first_use.emplace(key, id);
      if (!inserted) {
        const std::string line = std::to_string(page.node(it->second).line);
        context.Report("KS1240100C", id,
                       "accesskey \"" + key + "\" 重複（第 " + line +
                           " 行已使用）— 每個快速鍵在一頁中只能出現一次",
                       "accesskey \"" + key + "\" is used twice (also on line " + line +
                           ") — each key once per page");
      }
    }
  }
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> kRequired = {
      {"U", {"上方功能區", "the top function area"}},
      {"C", {"中央內容區", "the main content"}},
      {"Z", {"下方功能區", "the footer"}}};
  for (const auto& [key, area] : kRequired) {
    if (first_use.count(key)) continue;
    context.Report("KS1240100C", page.body(),
                   "缺少導盲磚 accesskey=\"" + key + "\"（" + area.first +
                       "）— 在該區塊開頭加上 <a accesskey=\"" + key + "\">:::</a>",
                   "no guide tile with accesskey=\"" + key + "\" (" + area.second +
                       ") — put <a accesskey=\"" + key + "\">:::</a> at its start");
  }
  if (has_search && !first_use.count("S")) {
    context.Report("KS1240100C", page.body(),
                   "頁面有搜尋功能，但缺少 accesskey=\"S\" — 在搜尋欄位前加上導盲磚",
                   "the page has a search but no accesskey=\"S\" — add a guide tile before the "
                   "search field");
  }
}

}  // namespace kiosk::check
