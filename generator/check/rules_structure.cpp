// Headings, tables, forms, and what the text itself holds (emoji, text direction).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/text.h"
#include "check/page_context.h"

namespace kiosk::check {

namespace {

int HeadingLevel(const HtmlNode& node) {
  if (node.name.size() == 2 && node.name[0] == 'h' && node.name[1] >= '1' && node.name[1] <= '6') {
    return node.name[1] - '0';
  }
  return 0;
}

std::vector<std::string> Tokens(const std::string& value) {
  std::string normalised = value;
  std::replace_if(
      normalised.begin(), normalised.end(),
      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }, ' ');
  return SplitTopLevel(normalised, ' ');
}

int SpanOf(const PageContext& context, int cell, std::string_view attribute) {
  try {
    return std::max(1, std::stoi(context.Attr(cell, attribute)));
  } catch (...) {
    return 1;
  }
}

// The line and column of a byte offset inside a text node.
std::pair<int, int> PositionInText(const HtmlNode& text, size_t offset) {
  int line = text.line;
  int column = text.column;
  size_t pos = 0;
  while (pos < offset && pos < text.text.size()) {
    if (text.text[pos] == '\n') {
      ++line;
      column = 1;
      ++pos;
      continue;
    }
    ++column;
    ++pos;
    while (pos < text.text.size() && (static_cast<unsigned char>(text.text[pos]) & 0xC0) == 0x80) {
      ++pos;
    }
  }
  return {line, column};
}

bool IsEmoji(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || c == 0x231A ||
         c == 0x231B || (c >= 0x23E9 && c <= 0x23FA) || c == 0x2B50 || c == 0x2B55 ||
         (c >= 0x2B05 && c <= 0x2B07) || c == 0x2B1B || c == 0x2B1C || c == 0x3030 || c == 0x303D ||
         c == 0x3297 || c == 0x3299 || c == 0xFE0F;
}

bool IsBoxDrawing(char32_t c) { return c >= 0x2500 && c <= 0x259F; }

// Emoticons written with ASCII, as whole words.
bool IsEmoticon(std::string_view word) {
  static const std::set<std::string_view> kEmoticons = {
      ":)",  ":-)", ":(", ":-(", ":D",  ":-D", ";)",  ";-)", ":P",    ":-P",   ":p",     ":-p",
      ":O",  ":-O", ":o", "XD",  "xD",  "^_^", "^^",  "^o^", "^.^",   "T_T",   "T.T",    "orz",
      "Orz", "OTZ", "=)", ">_<", "-_-", "o_O", "O_o", ":'(", "(^_^)", "(>_<)", "<(_ _)>"};
  return kEmoticons.count(word) > 0;
}

// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms.
bool IsRtl(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
         (c >= 0x1E800 && c <= 0x1EFFF);
}

bool IsStrongLtr(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x00C0 && c <= 0x024F) ||
         (c >= 0x0370 && c <= 0x058F) || (c >= 0x3040 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF);
}

bool IsBidiMark(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Text nodes the text rules read: shown text of the body.
bool IsReadableText(const PageContext& context, int id) {
  const HtmlNode& node = context.node(id);
  if (!node.is_text() || context.Skipped(id) || !context.InBody(id) || IsBlank(node.text)) {
    return false;
  }
  const std::string& parent = context.node(node.parent).name;
  return parent != "script" && parent != "style" && parent != "textarea" && parent != "noscript" &&
         !context.InForeign(id);
}

void CheckHeadings(PageContext& context) {
  int previous = 0;
  std::string previous_text;  // named in messages: a line of the HTML means nothing to authors
  bool any = false;
  for (int id : context.Elements()) {
    if (!context.InBody(id) || context.InForeign(id)) continue;
    const HtmlNode& node = context.node(id);
    int level = HeadingLevel(node);
    if (Lower(context.Attr(id, "role")) == "heading") {
      const std::string aria_level = context.Attr(id, "aria-level");
      int parsed = 0;
      try {
        parsed = std::stoi(aria_level);
      } catch (...) {
      }
      if (parsed >= 1) {
        level = std::min(parsed, 6);
      } else if (level == 0) {
        context.Report("HM1130100C", id,
                       "role=\"heading\" 的元素沒有 aria-level — 加上 aria-level，或改用 <h1>–<h6>",
                       "an element with role=\"heading\" has no aria-level — add one, or use "
                       "<h1>–<h6>");
        level = 2;
      }
    }
    if (level == 0) continue;
    any = true;
    const std::string tag = "<h" + std::to_string(level) + ">";
    const std::string text = context.AccessibleName(id, true);
    if (text.empty()) {
      context.Report("HM1130100C", id, "標題 " + tag + " 沒有內容 — 寫出標題文字，或刪除空的標題",
                     "the heading " + tag + " is empty — give it text, or remove it");
    }
    if (previous > 0 && level > previous + 1) {
      const std::string skipped = "h" + std::to_string(previous + 1);
      const std::string before = "<h" + std::to_string(previous) + ">";
      context.Report("HM1130100C", id,
                     "標題層級跳過 " + skipped + "：" + tag + "「" + ShortenText(text, 30) +
                         "」接在 " + before + "「" + ShortenText(previous_text, 30) +
                         "」之後 — 改用 <" + skipped + ">，或補上中間的標題",
                     tag + " \"" + ShortenText(text, 30) + "\" follows the " + before + " \"" +
                         ShortenText(previous_text, 30) + "\", skipping " + skipped + " — use <" +
                         skipped + ">, or add the missing level");
    }
    previous = level;
    previous_text = text;
  }
  if (!any && context.page().body() >= 0) {
    context.Report("HM3241000C", context.page().body(), "網頁沒有任何標題 — 以 <h1>–<h6> 組織內容",
                   "the page has no headings — organise its content with <h1>–<h6>");
  }
}

void CheckTables(PageContext& context) {
  static const std::set<std::string> kScopes = {"row", "col", "rowgroup", "colgroup"};
  for (int table : context.Elements("table")) {
    const std::string role = Lower(context.Attr(table, "role"));
    if (role == "presentation" || role == "none") continue;
    // The rows of this table, not of tables nested in it.
    std::vector<std::vector<int>> rows;
    std::map<std::string, int> header_ids;  // id -> cell
    for (int at = table + 1; at < context.SubtreeEnd(table); ++at) {
      const HtmlNode& node = context.node(at);
      if (node.name == "table") {
        at = context.SubtreeEnd(at) - 1;
        continue;
      }
      if (node.name == "tr") rows.emplace_back();
      if ((node.name == "th" || node.name == "td") && !rows.empty()) {
        rows.back().push_back(at);
        const std::string id = context.Attr(at, "id");
        if (!id.empty()) header_ids.emplace(id, at);
      }
    }
    bool uses_headers = false;
    bool has_th = false;
    bool has_td = false;
    for (const auto& row : rows) {
      for (int cell : row) {
        if (context.node(cell).Has("headers")) uses_headers = true;
        (context.node(cell).name == "th" ? has_th : has_td) = true;
      }
    }
    if (!has_th && !uses_headers) continue;  // no headers: a layout table, or nothing to tie

    if (uses_headers) {
      for (const auto& row : rows) {
        for (int cell : row) {
          for (const std::string& token : Tokens(context.Attr(cell, "headers"))) {
            if (!header_ids.count(token)) {
              context.Report(
                  "HM1130102C", cell,
                  "headers 指向表格中不存在的 id「" + token + "」— 改成該標題儲存格的 id",
                  "headers names \"" + token +
                      "\", which is no cell's id in this table — use the header "
                      "cell's id");
            }
          }
        }
      }
      continue;
    }

    // Headers on two or more levels, one merged over several columns (or rows): the merged
    // cell ties to every cell below it (or beside it) only with scope="colgroup" (or
    // "rowgroup"); else the cells need headers="…".
    std::map<int, std::string> group_scope;  // merged header -> the scope it needs
    size_t header_rows = 0;
    while (header_rows < rows.size() && !rows[header_rows].empty() &&
           std::all_of(rows[header_rows].begin(), rows[header_rows].end(),
                       [&](int c) { return context.node(c).name == "th"; })) {
      ++header_rows;
    }
    for (size_t r = 0; header_rows >= 2 && has_td && r < header_rows; ++r) {
      for (int cell : rows[r]) {
        if (SpanOf(context, cell, "colspan") > 1) group_scope[cell] = "colgroup";
      }
    }
    for (size_t r = header_rows; r < rows.size(); ++r) {
      // Row headers on two levels: a merged one with another header after it in its row.
      const std::vector<int>& row = rows[r];
      for (size_t c = 0; c + 1 < row.size() && context.node(row[c]).name == "th"; ++c) {
        if (SpanOf(context, row[c], "rowspan") > 1 && context.node(row[c + 1]).name == "th") {
          group_scope[row[c]] = "rowgroup";
        }
      }
    }
    for (const auto& row : rows) {
      for (int cell : row) {
        if (context.node(cell).name != "th") continue;
        const std::string scope = Lower(context.Attr(cell, "scope"));
        const auto group = group_scope.find(cell);
        if (kScopes.count(scope) && group != group_scope.end() && scope != group->second) {
          const bool columns = group->second == "colgroup";
          const std::string span =
              std::to_string(SpanOf(context, cell, columns ? "colspan" : "rowspan"));
          context.Report("HM1130102C", cell,
                         "這個標題合併 " + span + (columns ? " 欄" : " 列") +
                             "，在多層標題中需用 scope=\"" + group->second + "\" — 改成 scope=\"" +
                             group->second + "\"，或以 headers 指向各資料儲存格的標題",
                         "the header spans " + span + (columns ? " columns" : " rows") +
                             " among several levels of headers — make it scope=\"" + group->second +
                             "\", or give the data cells headers=\"…\"");
        } else if (!kScopes.count(scope)) {
          const std::string suggested = group != group_scope.end()
                                            ? "scope=\"" + group->second + "\""
                                            : "scope=\"col\" 或 scope=\"row\"";
          const std::string suggested_en = group != group_scope.end()
                                               ? "scope=\"" + group->second + "\""
                                               : "scope=\"col\" or scope=\"row\"";
          context.Report(
              "HM1130101C", cell,
              scope.empty()
                  ? "表格標題儲存格 <th> 沒有 scope — 加上 " + suggested
                  : "<th> 的 scope=\"" + scope + "\" 無效 — 用 col、row、colgroup 或 rowgroup",
              scope.empty()
                  ? "the header cell <th> has no scope — add " + suggested_en
                  : "scope=\"" + scope + "\" is not valid — use col, row, colgroup or rowgroup");
        }
      }
    }
  }
}

// Lists as screen readers announce them: <ul>, <ol> and <menu> hold <li> only, <dl> holds
// <dt>/<dd> (or <div>s of them), and items stand in their lists. Lists with a role of their
// own are what the role says.
void CheckLists(PageContext& context) {
  const auto is_list = [&](int id) {
    const std::string& name = context.node(id).name;
    return (name == "ul" || name == "ol" || name == "menu") && !context.node(id).Has("role");
  };
  const auto report_content = [&](int list, int child) {
    const std::string& name = context.node(list).name;
    const bool text = context.node(child).is_text();
    const std::string what = text ? "文字" : "<" + context.node(child).name + ">";
    const std::string what_en = text ? "text" : "a <" + context.node(child).name + ">";
    const std::string items = name == "dl" ? "<dt> 與 <dd>" : "<li>";
    const std::string items_en = name == "dl" ? "<dt> and <dd>" : "<li>";
    context.Report("KS1130100C", child,
                   "<" + name + "> 直接包含" + what + "，螢幕報讀軟體無法正確讀出清單 — 清單只放 " +
                       items + "，其他內容移到項目中",
                   "the <" + name + "> holds " + what_en +
                       " directly, which screen readers cannot announce as a list — a list "
                       "holds " +
                       items_en + " only: put the rest inside an item");
  };
  for (int id : context.Elements()) {
    const HtmlNode& node = context.node(id);
    if (is_list(id) || (node.name == "dl" && !node.Has("role"))) {
      for (int child : node.children) {
        const HtmlNode& inner = context.node(child);
        if (context.Skipped(child) || (inner.is_text() && IsBlank(inner.text)) ||
            inner.name == "script") {
          continue;
        }
        const bool fits = node.name == "dl"
                              ? inner.name == "dt" || inner.name == "dd" || inner.name == "div"
                              : inner.name == "li";
        if (!fits) report_content(id, child);
      }
    }
    if (node.name == "li" && !node.Has("role")) {
      const int parent = node.parent;
      if (parent > 0 && !is_list(parent) && !context.node(parent).Has("role")) {
        context.Report("KS1130100C", id, "<li> 不在 <ul>、<ol> 或 <menu> 中 — 把項目放進清單",
                       "the <li> is not in a <ul>, <ol> or <menu> — put it in a list");
      }
    }
    if ((node.name == "dt" || node.name == "dd") && !node.Has("role")) {
      int parent = node.parent;
      if (parent > 0 && context.node(parent).name == "div") parent = context.node(parent).parent;
      if (parent <= 0 || context.node(parent).name != "dl") {
        context.Report("KS1130100C", id, "<" + node.name + "> 不在 <dl> 中 — 把它放進 <dl>",
                       "the <" + node.name + "> is not in a <dl> — put it in one");
      }
    }
  }
}

void CheckForms(PageContext& context) {
  const HtmlDocument& page = context.page();
  std::map<std::string, std::vector<int>> labels_for;
  for (int label : context.Elements("label")) {
    const std::string target = context.Attr(label, "for");
    if (!target.empty()) labels_for[target].push_back(label);
  }
  const auto label_text = [&](int control) {
    std::string text;
    const std::string id = context.Attr(control, "id");
    if (!id.empty()) {
      for (int label : labels_for[id]) text += " " + context.ContentName(label);
    }
    for (int at = context.node(control).parent; at > 0; at = context.node(at).parent) {
      if (context.node(at).name == "label") text += " " + context.ContentName(at);
    }
    return CollapseSpace(text);
  };

  std::map<std::string, std::vector<int>> groups;  // "radio:name" -> inputs
  for (int id : context.Elements()) {
    const HtmlNode& node = context.node(id);
    const std::string type = Lower(context.Attr(id, "type"));
    if (node.name == "select") {
      int options = 0;
      bool grouped = false;
      for (int at = id + 1; at < context.SubtreeEnd(id); ++at) {
        if (context.node(at).name == "option") ++options;
        if (context.node(at).name == "optgroup") grouped = true;
      }
      if (options > context.options().long_select_options && !grouped) {
        context.Report("HM1130103C", id,
                       "選單有 " + std::to_string(options) +
                           " 個選項，未以 <optgroup> 分群 — 以 <optgroup label=\"…\"> 分類",
                       "the select has " + std::to_string(options) +
                           " options and no <optgroup> — group them with <optgroup label=\"…\">");
      }
    }
    if (node.name == "optgroup" && context.Attr(id, "label").empty()) {
      context.Report("HM1130103C", id, "<optgroup> 沒有 label — 寫出這組選項的名稱",
                     "the <optgroup> has no label — name the group");
    }
    const bool control = (node.name == "input" && type != "hidden" && type != "submit" &&
                          type != "reset" && type != "button" && type != "image") ||
                         node.name == "select" || node.name == "textarea";
    if (control && context.AccessibleName(id, false).empty() && label_text(id).empty()) {
      context.Report("HM1130104C", id,
                     "表單控制項沒有標籤 — 以 <label for=\"…\"> 對應，或加上 title",
                     "the form control has no label — tie a <label for=\"…\"> to it, or add a "
                     "title");
    }
    if (node.name == "fieldset") {
      bool legend = false;
      for (int child : node.children) {
        if (context.node(child).name == "legend" && !context.ContentName(child).empty()) {
          legend = true;
        }
      }
      if (!legend) {
        context.Report("HM1130105C", id,
                       "<fieldset> 沒有 <legend> — 以 <legend> 寫出這組欄位的名稱",
                       "the <fieldset> has no <legend> — name the group in a <legend>");
      }
    }
    if (node.name == "input" && (type == "radio" || type == "checkbox")) {
      const std::string name = context.Attr(id, "name");
      if (!name.empty()) groups[type + ":" + name].push_back(id);
    }
  }
  if (context.options().edition != Edition::k115_11) return;
  for (const auto& [key, inputs] : groups) {
    if (inputs.size() < 2) continue;
    const auto grouped = [&](int input) {
      for (int at = context.node(input).parent; at > 0; at = page.node(at).parent) {
        const std::string role = Lower(context.Attr(at, "role"));
        if (page.node(at).name == "fieldset") return true;
        if ((role == "group" || role == "radiogroup") &&
            !context.AccessibleName(at, false).empty()) {
          return true;
        }
      }
      return false;
    };
    if (!std::all_of(inputs.begin(), inputs.end(), grouped)) {
      const bool radio = key.rfind("radio:", 0) == 0;
      context.Report("HM1130105C", inputs.front(),
                     std::string(radio ? "同一組選項按鈕" : "同一組核取方塊") +
                         "沒有以 <fieldset> 分群 — 以 <fieldset> 包住並用 <legend> 說明",
                     std::string(radio ? "radio buttons" : "checkboxes") +
                         " of one group are not in a <fieldset> — wrap them in one, with a "
                         "<legend>");
    }
  }
}

void CheckText(PageContext& context) {
  const HtmlDocument& page = context.page();
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    if (!IsReadableText(context, id)) continue;
    const HtmlNode& node = page.node(id);
    const std::string& text = node.text;

    // Emoji and ASCII art need a title on a suitable element around them.
    size_t found = std::string::npos;
    std::string what;
    int box_drawing = 0;
    size_t first_box = std::string::npos;
    for (size_t pos = 0; pos < text.size() && found == std::string::npos;) {
      const size_t at = pos;
      const char32_t c = DecodeUtf8(text, pos);
      if (IsEmoji(c)) {
        found = at;
        what = text.substr(at, pos - at);
        if (pos < text.size() && text.compare(pos, 3, "\uFE0F") == 0) what += "\uFE0F";
      } else if (IsBoxDrawing(c)) {
        if (first_box == std::string::npos) first_box = at;
        if (++box_drawing >= 3) {
          found = first_box;
          what = "字符圖案";
        }
      }
    }
    if (found == std::string::npos) {
      std::string spaced = " " + text + " ";
      for (char& c : spaced) {
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
      }
      for (size_t start = 0; start < spaced.size();) {
        const size_t begin = spaced.find_first_not_of(' ', start);
        if (begin == std::string::npos) break;
        const size_t end = spaced.find(' ', begin);
        const std::string word = spaced.substr(begin, end - begin);
        if (IsEmoticon(word)) {
          found = begin - 1;
          what = word;
          break;
        }
        start = end;
      }
    }
    if (found != std::string::npos) {
      bool titled = false;
      for (int at = node.parent; at > 0 && !titled; at = page.node(at).parent) {
        if (!context.Attr(at, "title").empty()) titled = true;
        if (Lower(context.Attr(at, "role")) == "img" &&
            !context.AccessibleName(at, false).empty()) {
          titled = true;
        }
        if (!IsPhrasing(page.node(at).name)) break;
      }
      if (!titled) {
        const auto [line, column] = PositionInText(node, found);
        context.ReportAt(
            "HM1110103C", line, column, [&] { return page.Snippet(node.parent); },
            "表情符號或字符圖案「" + what +
                "」沒有替代文字 — 以 <span title=\"…\">…</span> 包住並說明意思",
            "the emoji or text art \"" + what +
                "\" has no text alternative — wrap it in <span title=\"…\"> saying "
                "what it means");
      }
    }

    // Text of the other direction needs dir or a direction mark.
    std::string direction = "ltr";
    for (int at = node.parent; at > 0; at = page.node(at).parent) {
      const std::string dir = Lower(context.Attr(at, "dir"));
      if (dir == "ltr" || dir == "rtl" || dir == "auto") {
        direction = dir;
        break;
      }
    }
    if (direction == "auto") continue;
    const bool ltr = direction == "ltr";
    bool marked = false;
    size_t other = std::string::npos;
    for (size_t pos = 0; pos < text.size();) {
      const size_t at = pos;
      const char32_t c = DecodeUtf8(text, pos);
      if (IsBidiMark(c)) marked = true;
      if (other == std::string::npos && (ltr ? IsRtl(c) : IsStrongLtr(c))) {
        other = at;
      }
    }
    if (other != std::string::npos && !marked) {
      const auto [line, column] = PositionInText(node, other);
      context.ReportAt(
          "HM1130200C", line, column, [&] { return page.Snippet(node.parent); },
          ltr ? "由右至左的文字沒有標記方向 — 以 <span dir=\"rtl\"> 包住，或加上 RLM/LRM"
              : "由左至右的文字沒有標記方向 — 以 <span dir=\"ltr\"> 包住，或加上 RLM/LRM",
          ltr ? "right-to-left text is not marked — wrap it in <span dir=\"rtl\">, "
                "or add RLM/LRM marks"
              : "left-to-right text is not marked — wrap it in <span dir=\"ltr\">, "
                "or add RLM/LRM marks");
    }
  }
}

}  // namespace

void CheckStructure(PageContext& context) {
  CheckHeadings(context);
  CheckTables(context);
  CheckLists(context);
  CheckForms(context);
  CheckText(context);
}

}  // namespace kiosk::check
