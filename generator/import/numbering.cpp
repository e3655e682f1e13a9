#include "import/numbering.h"

namespace kiosk::import {

namespace {

std::string Letters(int value, char first) {
  std::string text;
  for (int n = value; n > 0; n = (n - 1) / 26) text.insert(text.begin(), char(first + (n - 1) % 26));
  return text;
}

std::string Roman(int value, bool upper) {
  static constexpr std::pair<int, const char*> kDigits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string text;
  for (const auto& [amount, digits] : kDigits) {
    for (; value >= amount; value -= amount) text += digits;
  }
  if (upper) {
    for (char& c : text) c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (digits: 一…九 or 壹…玖; tens: 十 or 拾).
std::string Chinese(int value, bool legal) {
  static const char* kPlain[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* kLegal[] = {"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"};
  const char** digits = legal ? kLegal : kPlain;
  const char* ten = legal ? "拾" : "十";
  const char* hundred = legal ? "佰" : "百";
  if (value <= 0 || value > 999) return std::to_string(value);
  std::string text;
  const int hundreds = value / 100;
  const int tens = value / 10 % 10;
  const int ones = value % 10;
  if (hundreds) text += std::string(digits[hundreds]) + hundred;
  if (tens) {
    if (hundreds || tens > 1) text += digits[tens];
    text += ten;
  } else if (hundreds && ones) {
    text += digits[0];
  }
  if (ones) text += digits[ones];
  return text;
}

}  // namespace

NumberFormat OoxmlNumberFormat(std::string_view value) {
  if (value == "lowerLetter") return NumberFormat::kLowerLetter;
  if (value == "upperLetter") return NumberFormat::kUpperLetter;
  if (value == "lowerRoman") return NumberFormat::kLowerRoman;
  if (value == "upperRoman") return NumberFormat::kUpperRoman;
  if (value == "taiwaneseCounting" || value == "taiwaneseCountingThousand" ||
      value == "chineseCounting" || value == "chineseCountingThousand" ||
      value == "ideographDigital" || value == "japaneseCounting") {
    return NumberFormat::kChineseCounting;
  }
  if (value == "chineseLegalSimplified" || value == "ideographLegalTraditional") {
    return NumberFormat::kChineseLegal;
  }
  if (value == "ideographTraditional") return NumberFormat::kHeavenlyStems;
  if (value == "bullet") return NumberFormat::kBullet;
  if (value == "none") return NumberFormat::kNone;
  return NumberFormat::kDecimal;
}

NumberFormat OdfNumberFormat(std::string_view value) {
  if (value.empty()) return NumberFormat::kNone;
  if (value == "a") return NumberFormat::kLowerLetter;
  if (value == "A") return NumberFormat::kUpperLetter;
  if (value == "i") return NumberFormat::kLowerRoman;
  if (value == "I") return NumberFormat::kUpperRoman;
  if (value.starts_with("一")) return NumberFormat::kChineseCounting;
  if (value.starts_with("壹")) return NumberFormat::kChineseLegal;
  if (value.starts_with("甲")) return NumberFormat::kHeavenlyStems;
  return NumberFormat::kDecimal;
}

std::string FormatNumber(int value, NumberFormat format) {
  switch (format) {
    case NumberFormat::kDecimal:
      return std::to_string(value);
    case NumberFormat::kLowerLetter:
      return Letters(value, 'a');
    case NumberFormat::kUpperLetter:
      return Letters(value, 'A');
    case NumberFormat::kLowerRoman:
      return Roman(value, false);
    case NumberFormat::kUpperRoman:
      return Roman(value, true);
    case NumberFormat::kChineseCounting:
      return Chinese(value, false);
    case NumberFormat::kChineseLegal:
      return Chinese(value, true);
    case NumberFormat::kHeavenlyStems: {
      static const char* kStems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
      return value >= 1 && value <= 10 ? kStems[value - 1] : std::to_string(value);
    }
    case NumberFormat::kBullet:
    case NumberFormat::kNone:
      return "";
  }
  return "";
}

}  // namespace kiosk::import
