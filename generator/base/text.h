// Text helpers shared by the stages: UTF-8, escaping, URL encoding and slugs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kiosk {

// Where the first invalid UTF-8 sequence is, as a 1-based line and column (in characters);
// nullopt when the text is valid.
std::optional<SourceLocation> FindInvalidUtf8(std::string_view text);

// The column of byte `at` of a line, counted in characters from 1 (as messages count them).
int CharacterColumn(std::string_view line, size_t at);

// Decodes one code point at text[pos] (which must be valid UTF-8) and advances pos.
char32_t DecodeUtf8(std::string_view text, size_t& pos);
// Appends a code point as UTF-8.
void AppendUtf8(std::string& out, char32_t c);
// The first and the last code point of a valid UTF-8 string; 0 when it is empty.
char32_t FirstCodePoint(std::string_view text);
char32_t LastCodePoint(std::string_view text);

// True for characters that are written without spaces between them: CJK ideographs, kana,
// CJK and full-width punctuation. A line break between two of them is not a word break.
bool IsWideCjk(char32_t c);

// Escapes & < > " ' for HTML text and attribute values.
void AppendEscapedHtml(std::string& out, std::string_view text);
std::string EscapeHtml(std::string_view text);

// Percent-encodes every byte of a URL path that is not an RFC 3986 unreserved character or
// '/', so that Chinese path segments become valid URLs.
std::string EncodeUrlPath(std::string_view path);

// Undoes percent-encoding ("%E5%BF%97" -> "志"); malformed escapes are kept as written.
std::string DecodeUrlPath(std::string_view path);

// A fragment id for a heading: lower-case ASCII letters and digits, other letters (such as
// Chinese) kept as they are, spaces and hyphens folded into one '-', punctuation dropped.
std::string SlugifyHeading(std::string_view text);

// Why a slug or a path segment cannot be used in a URL, or nullopt when it can.
std::optional<std::string> InvalidSlugReason(std::string_view slug);

// "1 cell", "3 cells": a number and a noun that takes an s in the plural, for messages.
std::string Count(size_t number, std::string_view noun);

// Whether a URL starts with a scheme ("https:", "mailto:", "data:"), as against a path.
bool HasUrlScheme(std::string_view url);

// A count with thousands separated, for messages that name a limit: 100000 -> "100,000".
std::string FormatCount(size_t count);

// At most `max_chars` characters of a text, "…" marking a cut: author's text quoted in a
// message.
std::string ShortenText(std::string_view text, size_t max_chars);

// Without white space (' ', tab, line breaks) at both ends, or at the end.
std::string_view Trim(std::string_view text);
std::string_view TrimEnd(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::vector<std::string> SplitLines(std::string_view text);
// The lines of a text as views into it, without their '\n' (a '\r' before it stays).
std::vector<std::string_view> LineViews(std::string_view text);

// The name a mistyped word most likely meant, for "did you mean …?": the closest of `names`
// by edits (a letter added, left out, changed, or two swapped), when it is at most two edits
// away and closer than half the word; else the only name the word begins. nullopt when none
// is close enough or two are equally close.
std::optional<std::string> NearestName(std::string_view word, const std::vector<std::string>& names);

}  // namespace kiosk
