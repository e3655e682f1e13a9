// The numbers of numbered paragraphs as documents show them: 1, a, iv, 一, 壹, 甲 …
#pragma once

#include <string>
#include <string_view>

namespace kiosk::import {

enum class NumberFormat {
  kDecimal,
  kLowerLetter,
  kUpperLetter,
  kLowerRoman,
  kUpperRoman,
  kChineseCounting,  // 一 二 … 十 十一 … 二十
  kChineseLegal,     // 壹 貳 參 … 拾 拾壹
  kHeavenlyStems,    // 甲 乙 丙 …
  kBullet,
  kNone,
};

// OOXML's w:numFmt values ("decimal", "taiwaneseCountingThousand", "bullet" …).
NumberFormat OoxmlNumberFormat(std::string_view value);
// ODF's style:num-format values ("1", "a", "I", "一, 二, 三, ...", "" …).
NumberFormat OdfNumberFormat(std::string_view value);

std::string FormatNumber(int value, NumberFormat format);

}  // namespace kiosk::import
