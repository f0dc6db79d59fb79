#include "pipeline/numbers.h"

#include <unicode/dcfmtsym.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "pipeline/text.h"

namespace l10n {
namespace {

struct UnitWord {
  std::u16string_view surface;  // case-folded, in UTF-16 as the text is read
  const char* unit;
};

// Longest first within each unit so that "mm" wins over "m".
constexpr UnitWord kUnits[] = {
    {u"millimeters", "mm"},  {u"millimeter", "mm"},  {u"millimetres", "mm"}, {u"millimetre", "mm"},
    {u"milímetros", "mm"},   {u"milímetro", "mm"},   {u"millimètres", "mm"}, {u"millimètre", "mm"},
    {u"ミリメートル", "mm"}, {u"ミリ", "mm"},        {u"ملليمتر", "mm"},     {u"مليمتر", "mm"},
    {u"ملم", "mm"},          {u"مم", "mm"},          {u"mm", "mm"},          {u"centimeters", "cm"},
    {u"centimeter", "cm"},   {u"centímetros", "cm"}, {u"centimètres", "cm"}, {u"zentimeter", "cm"},
    {u"センチ", "cm"},       {u"سم", "cm"},          {u"cm", "cm"},          {u"milligrams", "mg"},
    {u"mg", "mg"},           {u"ml", "ml"},          {u"hours", "hour"},     {u"hour", "hour"},
    {u"hrs", "hour"},        {u"hr", "hour"},        {u"horas", "hour"},     {u"hora", "hour"},
    {u"heures", "hour"},     {u"heure", "hour"},     {u"stunden", "hour"},   {u"stunde", "hour"},
    {u"std", "hour"},        {u"時間", "hour"},      {u"ساعات", "hour"},     {u"ساعة", "hour"},
    {u"h", "hour"},          {u"minutes", "minute"}, {u"minute", "minute"},  {u"minutos", "minute"},
    {u"minuto", "minute"},   {u"minuten", "minute"}, {u"分", "minute"},      {u"دقائق", "minute"},
    {u"دقيقة", "minute"},    {u"min", "minute"},     {u"days", "day"},       {u"day", "day"},
    {u"días", "day"},        {u"día", "day"},        {u"dias", "day"},       {u"dia", "day"},
    {u"jours", "day"},       {u"jour", "day"},       {u"tagen", "day"},      {u"tage", "day"},
    {u"tag", "day"},         {u"日間", "day"},       {u"أيام", "day"},       {u"يوم", "day"},
    {u"weeks", "week"},      {u"week", "week"},      {u"semanas", "week"},   {u"semana", "week"},
    {u"semaines", "week"},   {u"semaine", "week"},   {u"wochen", "week"},    {u"woche", "week"},
    {u"週間", "week"},       {u"أسابيع", "week"},    {u"أسبوع", "week"},     {u"months", "month"},
    {u"month", "month"},     {u"meses", "month"},    {u"mes", "month"},      {u"mois", "month"},
    {u"monate", "month"},    {u"monat", "month"},    {u"か月", "month"},     {u"ヶ月", "month"},
    {u"カ月", "month"},      {u"أشهر", "month"},     {u"شهر", "month"},
};

bool IsSpaceLike(UChar32 c) { return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009; }
bool IsPercent(UChar32 c) { return c == '%' || c == 0x066A || c == 0xFF05; }

std::u16string ToU16(const icu::UnicodeString& s) {
  return std::u16string(s.getBuffer(), static_cast<std::size_t>(s.length()));
}

bool Matches(const icu::UnicodeString& text, int32_t at, const std::u16string& what) {
  if (what.empty() || at + static_cast<int32_t>(what.size()) > text.length()) return false;
  for (std::size_t k = 0; k < what.size(); ++k) {
    if (text.charAt(at + static_cast<int32_t>(k)) != what[k]) return false;
  }
  return true;
}

}  // namespace

NumberReader::NumberReader(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DecimalFormatSymbols symbols(icu::Locale::forLanguageTag(locale, status), status);
  if (U_FAILURE(status)) {
    decimal_ = u".";
    grouping_ = u",";
    return;
  }
  decimal_ = ToU16(symbols.getSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol));
  grouping_ = ToU16(symbols.getSymbol(icu::DecimalFormatSymbols::kGroupingSeparatorSymbol));
}

namespace {

// Whether UTF-8 `text` holds a decimal digit (Unicode's Nd, which the reader reads): ASCII's 0-9,
// or a character beyond ASCII that ICU says is a digit. Most sentences hold none, and are passed
// over without converting them for ICU. A byte that is not UTF-8 sends the text the general way.
bool MayHoldDigits(std::string_view text) {
  if (text.size() >= static_cast<std::size_t>(INT32_MAX)) return true;  // the general way
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const uint8_t c = p[i];
    if (c < 0x80) {
      if (c >= '0' && c <= '9') return true;
      ++i;
      continue;
    }
    UChar32 code_point = 0;
    U8_NEXT(p, i, n, code_point);
    if (code_point < 0 || u_isdigit(code_point)) return true;
  }
  return false;
}

}  // namespace

std::vector<NumberToken> NumberReader::Find(std::string_view text) const {
  std::vector<NumberToken> out;
  if (!MayHoldDigits(text)) return out;  // most sentences
  icu::UnicodeString u = FromUtf8(text);
  std::vector<std::size_t> byte_at(static_cast<std::size_t>(u.length()) + 1, 0);
  for (int32_t i = 0, b = 0; i < u.length(); ++i) {
    byte_at[static_cast<std::size_t>(i)] = static_cast<std::size_t>(b);
    const UChar c = u.charAt(i);
    if (U16_IS_LEAD(c)) {
      b += 4;
    } else if (!U16_IS_TRAIL(c)) {
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    byte_at[static_cast<std::size_t>(i) + 1] = static_cast<std::size_t>(b);
  }
  auto digit = [&](int32_t i) {
    if (i >= u.length()) return -1;
    const UChar c = u.charAt(i);
    if (c < 0x80) return c >= '0' && c <= '9' ? c - '0' : -1;  // ASCII's decimal digits
    return u_isdigit(c) ? u_charDigitValue(c) : -1;
  };
  // Separators that a number written with ASCII digits may use (an Arabic
  // text can quote "1.5" in Western digits), besides the locale's own.
  const bool space_grouping = grouping_.size() == 1 && IsSpaceLike(grouping_[0]);
  auto grouping_at = [&](int32_t i, bool ascii) -> int32_t {
    if (i >= u.length()) return 0;
    if (space_grouping && IsSpaceLike(u.charAt(i))) return 1;
    if (Matches(u, i, grouping_)) return static_cast<int32_t>(grouping_.size());
    if (ascii && grouping_ != u"," && decimal_ != u"," && u.charAt(i) == ',') return 1;
    return 0;
  };
  auto decimal_at = [&](int32_t i, bool ascii) -> int32_t {
    if (Matches(u, i, decimal_)) return static_cast<int32_t>(decimal_.size());
    if (ascii && decimal_ != u"." && grouping_ != u"." && i < u.length() && u.charAt(i) == '.')
      return 1;
    return 0;
  };
  int32_t i = 0;
  while (i < u.length()) {
    if (digit(i) < 0 || (i > 0 && (u_isalpha(u.charAt(i - 1)) &&
                                   !u_hasBinaryProperty(u.charAt(i - 1), UCHAR_IDEOGRAPHIC) &&
                                   u_charType(u.charAt(i - 1)) != U_OTHER_LETTER))) {
      // Digits glued to a Latin word ("COVID19") are part of a name, not a quantity.
      if (digit(i) >= 0) {
        while (digit(i) >= 0) ++i;
        continue;
      }
      ++i;
      continue;
    }
    const int32_t start = i;
    const bool ascii = u.charAt(i) < 0x80;
    double value = 0;
    while (digit(i) >= 0) value = value * 10 + digit(i++);
    for (;;) {
      const int32_t g = grouping_at(i, ascii);
      if (g > 0 && digit(i + g) >= 0 && digit(i + g + 1) >= 0 && digit(i + g + 2) >= 0 &&
          digit(i + g + 3) < 0) {
        i += g;
        for (int k = 0; k < 3; ++k) value = value * 10 + digit(i++);
        continue;
      }
      break;
    }
    const int32_t d = decimal_at(i, ascii);
    if (d > 0 && digit(i + d) >= 0) {
      i += d;
      double scale = 0.1;
      while (digit(i) >= 0) {
        value += digit(i++) * scale;
        scale /= 10;
      }
    }
    NumberToken token;
    token.value = std::round(value * 1e6) / 1e6;
    int32_t end = i;
    // Unit after the number: optional space or hyphen, then % or a unit word.
    int32_t j = i;
    while (j < u.length() && (IsSpaceLike(u.charAt(j)) || u.charAt(j) == '-')) ++j;
    if (j < u.length() && IsPercent(u.charAt(j))) {
      token.unit = "%";
      end = j + 1;
    } else if (start > 0 && IsPercent(u.charAt(start - 1))) {
      token.unit = "%";
    } else {
      icu::UnicodeString rest = u.tempSubString(j, 16);
      rest.foldCase();
      for (const UnitWord& unit : kUnits) {
        const auto after = static_cast<int32_t>(unit.surface.size());
        if (!rest.startsWith(unit.surface.data(), after)) continue;
        if (after < rest.length() && u_isalpha(rest.charAt(after)) && unit.surface[0] < 0x3000)
          continue;  // a longer word
        token.unit = unit.unit;
        end = j + after;
        break;
      }
    }
    token.begin = byte_at[static_cast<std::size_t>(start)];
    token.end = byte_at[static_cast<std::size_t>(end)];
    token.text = std::string(text.substr(token.begin, token.end - token.begin));
    out.push_back(std::move(token));
    i = std::max(i, end);
  }
  return out;
}

}  // namespace l10n
