#include "common/text_case.h"

#include <locale.h>
#include <wctype.h>

namespace basalt {

namespace {

locale_t Utf8Locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

// Decodes one code point at text[*i] and advances *i; an invalid sequence
// yields its first byte unchanged (marked by returning false).
bool Decode(std::string_view text, size_t* i, char32_t* out) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(*i);
  size_t length = b < 0x80           ? 1
                  : (b >> 5) == 0x6  ? 2
                  : (b >> 4) == 0xE  ? 3
                  : (b >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || *i + length > text.size()) return false;
  char32_t c = length == 1 ? b : b & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(*i + k) & 0xC0) != 0x80) return false;
    c = (c << 6) | (byte(*i + k) & 0x3F);
  }
  *i += length;
  *out = c;
  return true;
}

std::string MapCase(std::string_view text, bool upper) {
  std::string out;
  out.reserve(text.size());
  locale_t locale = Utf8Locale();
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {  // the common case, and the whole job without the locale
      char mapped = static_cast<char>(b);
      if (upper && b >= 'a' && b <= 'z') mapped = static_cast<char>(b - 'a' + 'A');
      if (!upper && b >= 'A' && b <= 'Z') mapped = static_cast<char>(b - 'A' + 'a');
      out.push_back(mapped);
      ++i;
      continue;
    }
    char32_t c;
    size_t start = i;
    if (locale == static_cast<locale_t>(0) || !Decode(text, &i, &c)) {
      out.push_back(text[start]);
      i = start + 1;
      continue;
    }
    wint_t mapped = upper ? towupper_l(static_cast<wint_t>(c), locale)
                          : towlower_l(static_cast<wint_t>(c), locale);
    AppendUtf8(static_cast<char32_t>(mapped), &out);
  }
  return out;
}

}  // namespace

std::string Utf8Lower(std::string_view text) {
  return MapCase(text, /*upper=*/false);
}

std::string Utf8Upper(std::string_view text) {
  return MapCase(text, /*upper=*/true);
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace basalt
