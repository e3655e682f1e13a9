#include "import/block_builder.h"

#include <algorithm>

#include "base/text.h"

namespace kiosk::import {

namespace {

bool IsSpace(char32_t c) { return c == ' ' || c == 0x3000; }

std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> points;
  for (size_t at = 0; at < text.size();) points.push_back(DecodeUtf8(text, at));
  return points;
}

bool HasContent(const Inlines& inlines) {
  return std::any_of(inlines.begin(), inlines.end(), [](const Span& span) {
    return span.kind == Span::Kind::kImage || span.kind == Span::Kind::kFootnote ||
           (span.kind == Span::Kind::kText && !Trim(span.text).empty());
  });
}

bool AllBold(const Inlines& inlines) {
  bool any = false;
  for (const Span& span : inlines) {
    if (span.kind != Span::Kind::kText || Trim(span.text).empty()) continue;
    if (!span.bold) return false;
    any = true;
  }
  return any;
}

bool IsOneOf(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// The level of a bold paragraph numbered as headings are (壹、 ## · 一、 ### · （一） ####, and
// I. ## · A. ### · (a) ####), or 0.
int NumberedHeadingLevel(std::string_view text) {
  const std::vector<char32_t> c = CodePoints(text);
  if (c.empty() || c.size() > 60 || c.back() == U'。') return 0;
  static constexpr std::u32string_view kLegal = U"壹貳參叁肆伍陸柒捌玖拾佰";
  static constexpr std::u32string_view kCounting = U"一二三四五六七八九十百";
  size_t at = 0;
  const auto run = [&](auto accept) {
    const size_t from = at;
    while (at < c.size() && accept(c[at])) ++at;
    return at > from;
  };
  if (run([](char32_t x) { return IsOneOf(x, kLegal); }) && at < c.size() && c[at] == U'、') {
    return 2;
  }
  at = 0;
  if (run([](char32_t x) { return IsOneOf(x, kCounting); }) && at < c.size() && c[at] == U'、') {
    return 3;
  }
  at = 0;
  if (IsOneOf(c[0], U"(（")) {
    at = 1;
    if (run([](char32_t x) { return IsOneOf(x, kCounting); }) && at < c.size() &&
        IsOneOf(c[at], U")）")) {
      return 4;
    }
    at = 1;
    if (run([](char32_t x) { return x >= 'a' && x <= 'z'; }) && at < c.size() && c[at] == ')') {
      return 4;
    }
    return 0;
  }
  at = 0;
  const bool roman = run([](char32_t x) { return IsOneOf(x, U"IVXLC"); });
  if (roman && at + 1 < c.size() && c[at] == '.' && c[at + 1] == ' ') return 2;
  if (c.size() > 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] == '.' && c[2] == ' ') return 3;
  return 0;
}

// "表 1：…", "表一 …", "Table 2. …": a caption written as an ordinary paragraph.
bool LooksLikeCaption(std::string_view text) {
  const std::vector<char32_t> c = CodePoints(text);
  if (c.size() < 2 || c.size() > 100) return false;
  if (c[0] == U'表') {
    const char32_t next = c[1] == ' ' && c.size() > 2 ? c[2] : c[1];
    return (next >= '0' && next <= '9') || IsOneOf(next, U"一二三四五六七八九十");
  }
  return StartsWith(text, "Table ") && c.size() > 6 && c[6] >= '0' && c[6] <= '9';
}

}  // namespace

std::string LabelBefore(const std::string& label) {
  return label.empty() || IsWideCjk(LastCodePoint(label)) ? label : label + " ";
}

void TidyInlines(Inlines& inlines) {
  Inlines joined;
  for (Span& span : inlines) {
    if (span.kind == Span::Kind::kText) {
      for (char& c : span.text) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      }
      if (!joined.empty() && joined.back().kind == Span::Kind::kText &&
          joined.back().bold == span.bold && joined.back().italic == span.italic &&
          joined.back().href == span.href) {
        joined.back().text += span.text;
        continue;
      }
    }
    joined.push_back(std::move(span));
  }
  // Spaces: one where several were typed, none at either end of the paragraph or a line.
  bool after_space = true;  // at the start, as after a line break
  for (size_t i = 0; i < joined.size(); ++i) {
    Span& span = joined[i];
    if (span.kind == Span::Kind::kLineBreak) {
      after_space = true;
      continue;
    }
    if (span.kind != Span::Kind::kText) {
      after_space = false;
      continue;
    }
    std::string tidy;
    for (size_t at = 0; at < span.text.size();) {
      const size_t from = at;
      const char32_t c = DecodeUtf8(span.text, at);
      if (IsSpace(c)) {
        if (!after_space) tidy += ' ';
        after_space = true;
      } else {
        tidy.append(span.text, from, at - from);
        after_space = false;
      }
    }
    span.text = std::move(tidy);
  }
  // Trailing spaces: before a line break or at the end.
  for (size_t i = joined.size(); i-- > 0;) {
    const bool at_end = i + 1 == joined.size() || joined[i + 1].kind == Span::Kind::kLineBreak;
    if (!at_end || joined[i].kind != Span::Kind::kText) continue;
    while (!joined[i].text.empty() && joined[i].text.back() == ' ') joined[i].text.pop_back();
    if (joined[i].text.empty() && i > 0 && joined[i - 1].kind == Span::Kind::kText) {
      while (!joined[i - 1].text.empty() && joined[i - 1].text.back() == ' ') {
        joined[i - 1].text.pop_back();
      }
    }
  }
  std::erase_if(joined, [](const Span& span) {
    return span.kind == Span::Kind::kText && span.text.empty();
  });
  while (!joined.empty() && joined.front().kind == Span::Kind::kLineBreak) {
    joined.erase(joined.begin());
  }
  while (!joined.empty() && joined.back().kind == Span::Kind::kLineBreak) joined.pop_back();
  // 推 動 作 法: a heading spread out with spaces, not four words.
  const std::string text = PlainText(joined);
  size_t tokens = 0;
  bool spread = text.find(' ') != std::string::npos;
  for (size_t at = 0; spread && at < text.size();) {
    const char32_t c = DecodeUtf8(text, at);
    if (c == ' ') continue;
    ++tokens;
    spread = IsWideCjk(c) && (at == text.size() || text[at] == ' ');
  }
  if (spread && tokens >= 2) {
    for (Span& span : joined) std::erase(span.text, ' ');
  }
  inlines = std::move(joined);
}

void BlockBuilder::Flush(Block block) {
  if (caption_) {
    blocks_.push_back(Block{std::move(*caption_)});
    caption_.reset();
  }
  blocks_.push_back(std::move(block));
}

void BlockBuilder::CloseList() {
  if (!list_) return;
  List list = std::move(*list_);
  list_.reset();
  Flush(Block{std::move(list)});
}

// The list `depth` levels into the open one, made where it is missing.
static List& ListAt(List& top, int depth) {
  List* at = &top;
  for (int d = 0; d < depth; ++d) {
    if (at->items.empty()) at->items.emplace_back();
    Blocks& blocks = at->items.back().blocks;
    if (blocks.empty() || !std::holds_alternative<List>(blocks.back().content)) {
      blocks.push_back(Block{List{}});
    }
    at = &std::get<List>(blocks.back().content);
  }
  return *at;
}

bool BlockBuilder::ContinuesList(const ParagraphFacts& paragraph) const {
  if (paragraph.continues_item) return true;
  if (paragraph.indent <= 0 || level_indents_.empty()) return false;
  return paragraph.indent + 20 >= level_indents_.front();
}

void BlockBuilder::AddToList(ParagraphFacts& paragraph) {
  if (!list_ || paragraph.list != list_id_) {
    CloseList();
    list_.emplace();
    list_->location = paragraph.location;
    list_id_ = paragraph.list;
    list_base_level_ = paragraph.list_level;
    level_indents_.clear();
  }
  const int depth = std::max(paragraph.list_level - list_base_level_, 0);
  List& list = ListAt(*list_, depth);
  if (list.items.empty()) {
    list.ordered = paragraph.decimal;
    list.start = std::max(paragraph.number, 1);
  }
  ListItem item;
  if (!list.ordered) item.label = paragraph.label;
  item.blocks.push_back(Block{Paragraph{std::move(paragraph.inlines), paragraph.location}});
  list.items.push_back(std::move(item));
  level_indents_.resize(depth + 1);
  level_indents_[depth] = paragraph.indent;
}

void BlockBuilder::Add(ParagraphFacts paragraph) {
  TidyInlines(paragraph.inlines);
  if (!HasContent(paragraph.inlines)) return;  // empty paragraphs are spacing
  std::string text = paragraph.label.empty() || paragraph.decimal
                         ? PlainText(paragraph.inlines)
                         : paragraph.label + PlainText(paragraph.inlines);
  if (body_ && paragraph.title && title_.empty()) {
    title_ = text;
    return;
  }
  if (paragraph.caption || LooksLikeCaption(text)) {
    if (!list_ && !caption_ && !blocks_.empty()) {
      if (Table* table = std::get_if<Table>(&blocks_.back().content); table && table->caption.empty()) {
        table->caption = text;  // a caption below its table
        return;
      }
    }
    CloseList();
    if (caption_) blocks_.push_back(Block{std::move(*caption_)});
    caption_ = Paragraph{std::move(paragraph.inlines), paragraph.location};
    return;
  }
  const bool numbered_heading =
      body_ && AllBold(paragraph.inlines) && NumberedHeadingLevel(text) > 0;
  if (!paragraph.list.empty() && !numbered_heading && paragraph.outline_level == 0) {
    AddToList(paragraph);
    return;
  }
  if (list_ && paragraph.list.empty() && paragraph.outline_level == 0 && !numbered_heading &&
      ContinuesList(paragraph)) {
    const int depth = paragraph.continues_item
                          ? std::max(paragraph.list_level - list_base_level_, 0)
                          : [&] {
                              int d = static_cast<int>(level_indents_.size()) - 1;
                              while (d > 0 && level_indents_[d] > paragraph.indent + 20) --d;
                              return d;
                            }();
    List& list = ListAt(*list_, depth);
    if (list.items.empty()) list.items.emplace_back();
    list.items.back().blocks.push_back(
        Block{Paragraph{std::move(paragraph.inlines), paragraph.location}});
    return;
  }
  CloseList();
  if (body_ && (paragraph.outline_level > 0 || numbered_heading)) {
    Inlines inlines = std::move(paragraph.inlines);
    if (!paragraph.label.empty()) {
      inlines.insert(inlines.begin(), Span{.text = LabelBefore(paragraph.label)});
    }
    for (Span& span : inlines) span.bold = false;  // a heading is bold already
    TidyInlines(inlines);
    outline_levels_.push_back(paragraph.outline_level);
    const int level = paragraph.outline_level > 0 ? 0 : NumberedHeadingLevel(text);
    Flush(Block{Heading{level, std::move(inlines), paragraph.location}});
    heading_blocks_.push_back(blocks_.size() - 1);
    return;
  }
  Flush(Block{Paragraph{std::move(paragraph.inlines), paragraph.location}});
}

void BlockBuilder::Add(Table table) {
  CloseList();
  if (caption_) {
    table.caption = PlainText(caption_->inlines);
    caption_.reset();
  } else if (!blocks_.empty()) {
    if (const Heading* heading = std::get_if<Heading>(&blocks_.back().content)) {
      table.caption = PlainText(heading->inlines);  // the table the heading introduces
    }
  }
  blocks_.push_back(Block{std::move(table)});
}

Blocks BlockBuilder::Finish(bool title_known) {
  CloseList();
  if (caption_) blocks_.push_back(Block{std::move(*caption_)});
  caption_.reset();
  if (body_ && !title_known && title_.empty() && !heading_blocks_.empty()) {
    // No title in the document's properties or a Title style: the first heading is it.
    title_ = PlainText(std::get<Heading>(blocks_[heading_blocks_.front()].content).inlines);
    blocks_.erase(blocks_.begin() + static_cast<long>(heading_blocks_.front()));
    heading_blocks_.erase(heading_blocks_.begin());
    outline_levels_.erase(outline_levels_.begin());
    for (size_t& at : heading_blocks_) --at;
  }
  // Headings by style take their levels from the document's top level (## for it); then no
  // heading may skip a level below the one before it (the page's title is the <h1>).
  int top = 10;
  for (int level : outline_levels_) {
    if (level > 0) top = std::min(top, level);
  }
  int previous = 1;
  for (size_t i = 0; i < heading_blocks_.size(); ++i) {
    Heading& heading = std::get<Heading>(blocks_[heading_blocks_[i]].content);
    if (outline_levels_[i] > 0) heading.level = outline_levels_[i] - top + 2;
    heading.level = std::clamp(heading.level, 2, std::min(previous + 1, 6));
    previous = heading.level;
  }
  return std::move(blocks_);
}

}  // namespace kiosk::import
