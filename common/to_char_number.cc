// to_char and to_number for numbers: PostgreSQL 15's NUMDesc_prepare and
// NUM_processor for the patterns 9 0 . D , G S MI PL SG FM L (the C
// locale's symbols).
// L is a blank (the C locale's currency symbol); roman numerals, EEEE,
// V, PR, B, C and TH give 0A000.
#include <fmt/format.h>

#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common/sqlstate.h"
#include "common/to_char.h"

namespace basalt {
namespace {

enum class NumPattern {
  kLiteral,
  kNine,
  kZero,
  kDecimal,
  kComma,
  kSign,
  kMinus,
  kPlus,
  kSignAny,
  kFill,
  kCurrency  // L: the C locale's currency symbol, a blank
};

struct NumItem {
  NumPattern pattern = NumPattern::kLiteral;
  std::string literal;
};

// NUMDesc: the counts and flags the template sets.
struct NumDesc {
  int pre = 0;
  int post = 0;
  bool decimal = false;
  bool zero = false;
  int zero_start = 0;
  int zero_end = 0;
  bool fill_mode = false;
  bool minus = false;
  bool plus = false;
  enum class LeadingSign { kNone, kPre, kPost } lsign = LeadingSign::kNone;
  int pre_lsign_num = 0;
};

Status Unsupported(std::string_view what) {
  return Status::Error(sqlstate::kFeatureNotSupported,
                       fmt::format("the \"{}\" number format pattern is not supported yet", what));
}

Status SyntaxError(std::string message) {
  return Status::Error(sqlstate::kSyntaxError, std::move(message));
}

Result<std::vector<NumItem>> ParseNumberTemplate(std::string_view format, NumDesc* d) {
  std::vector<NumItem> items;
  size_t i = 0;
  auto starts = [&](std::string_view w) {
    if (format.size() - i < w.size()) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      if (std::toupper(static_cast<unsigned char>(format[i + k])) != w[k]) return false;
    }
    // Upper or lower case, not mixed (PostgreSQL's keyword table).
    const bool upper = std::isupper(static_cast<unsigned char>(format[i])) != 0;
    for (size_t k = 0; k < w.size(); ++k) {
      const unsigned char c = static_cast<unsigned char>(format[i + k]);
      if (std::isalpha(c) && (std::isupper(c) != 0) != upper) return false;
    }
    return true;
  };
  while (i < format.size()) {
    NumItem item;
    const char c = format[i];
    if (c == '9' || c == '0') {
      item.pattern = c == '9' ? NumPattern::kNine : NumPattern::kZero;
      if (c == '0' && !d->zero && !d->decimal) {
        d->zero = true;
        d->zero_start = d->pre + 1;
      }
      (d->decimal ? d->post : d->pre)++;
      if (c == '0') d->zero_end = d->pre + d->post;
      ++i;
    } else if (c == '.' || starts("D")) {
      if (d->decimal) return SyntaxError("multiple decimal points");
      d->decimal = true;
      item.pattern = NumPattern::kDecimal;
      ++i;
    } else if (c == ',' || starts("G")) {
      item.pattern = NumPattern::kComma;
      ++i;
    } else if (starts("FM")) {
      d->fill_mode = true;
      item.pattern = NumPattern::kFill;
      i += 2;
    } else if (starts("MI")) {
      if (d->lsign != NumDesc::LeadingSign::kNone) {
        return SyntaxError("cannot use \"S\" and \"MI\" together");
      }
      d->minus = true;
      item.pattern = NumPattern::kMinus;
      i += 2;
    } else if (starts("PL")) {
      if (d->lsign != NumDesc::LeadingSign::kNone) {
        return SyntaxError("cannot use \"S\" and \"PL\" together");
      }
      d->plus = true;
      item.pattern = NumPattern::kPlus;
      i += 2;
    } else if (starts("SG")) {
      if (d->lsign != NumDesc::LeadingSign::kNone) {
        return SyntaxError("cannot use \"S\" and \"SG\" together");
      }
      d->minus = d->plus = true;
      item.pattern = NumPattern::kSignAny;
      i += 2;
    } else if (starts("SP")) {
      return Unsupported("SP");
    } else if (starts("S")) {
      if (d->lsign != NumDesc::LeadingSign::kNone) return SyntaxError("cannot use \"S\" twice");
      if (d->plus || d->minus) {
        return SyntaxError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      }
      if (!d->decimal) {
        d->lsign = NumDesc::LeadingSign::kPre;
        d->pre_lsign_num = d->pre;
      } else {
        d->lsign = NumDesc::LeadingSign::kPost;
      }
      item.pattern = NumPattern::kSign;
      ++i;
    } else {
      if (starts("L")) {
        // The C locale has no currency symbol: PostgreSQL writes a blank.
        item.pattern = NumPattern::kCurrency;
        ++i;
        items.push_back(std::move(item));
        continue;
      }
      for (std::string_view p : {"EEEE", "RN", "PR", "TH", "V", "B", "C"}) {
        if (starts(p)) return Unsupported(p);
      }
      item.literal = std::string(1, c);
      ++i;
    }
    items.push_back(std::move(item));
  }
  return items;
}

// NUM_processor for to_char: `number` is the digits with an optional '.',
// `sign` '+' or '-', `pre_spaces` how many digit positions stay blank.
std::string Process(const std::vector<NumItem>& items, NumDesc d, const std::string& number,
                    char sign, int pre_spaces) {
  if (d.zero_start) --d.zero_start;
  bool sign_wrote = false;
  if (d.plus || d.minus) {
    sign_wrote = !(d.plus && !d.minus);
  } else {
    sign_wrote = sign == '+' && d.fill_mode && d.lsign == NumDesc::LeadingSign::kNone;
    if (d.lsign == NumDesc::LeadingSign::kPre && d.pre == d.pre_lsign_num) {
      d.lsign = NumDesc::LeadingSign::kPost;
    }
  }
  int num_count = d.post + d.pre - 1;
  const char* last_relevant = nullptr;
  const char* const begin = number.c_str();
  if (d.fill_mode && d.decimal) {
    const char* p = std::strchr(begin, '.');
    if (p != nullptr) {
      last_relevant = p;
      while (*(++p)) {
        if (*p != '0') last_relevant = p;
      }
    }
    if (last_relevant != nullptr && d.zero_end > pre_spaces) {
      int last_zero_pos = static_cast<int>(number.size()) - 1;
      last_zero_pos = std::min(last_zero_pos, d.zero_end - pre_spaces);
      const char* last_zero = begin + last_zero_pos;
      if (last_relevant < last_zero) last_relevant = last_zero;
    }
  }
  if (!sign_wrote && pre_spaces == 0) ++num_count;
  bool num_in = false;
  int num_curr = 0;
  const char* number_p = begin;
  std::string out;
  auto predec_space = [&] { return !d.zero && number_p == begin && *begin == '0' && d.post != 0; };
  auto numpart = [&](NumPattern id) {
    if (!sign_wrote && (num_curr >= pre_spaces || (d.zero && d.zero_start == num_curr)) &&
        (!predec_space() || (last_relevant != nullptr && *last_relevant == '.'))) {
      if (d.lsign != NumDesc::LeadingSign::kNone) {
        if (d.lsign == NumDesc::LeadingSign::kPre) {
          out += sign == '-' ? '-' : '+';
          sign_wrote = true;
        }
      } else if (sign == '+') {
        if (!d.fill_mode) out += ' ';
        sign_wrote = true;
      } else if (sign == '-') {
        out += '-';
        sign_wrote = true;
      }
    }
    if (num_curr < pre_spaces && (d.zero_start > num_curr || !d.zero)) {
      if (!d.fill_mode) out += ' ';
    } else if (d.zero && num_curr < pre_spaces && d.zero_start <= num_curr) {
      out += '0';
      num_in = true;
    } else {
      if (*number_p == '.') {
        if (last_relevant == nullptr || *last_relevant != '.' || d.fill_mode) out += '.';
      } else {
        if (last_relevant != nullptr && number_p > last_relevant && id != NumPattern::kZero) {
        } else if (predec_space()) {
          if (!d.fill_mode) {
            out += ' ';
          } else if (last_relevant != nullptr && *last_relevant == '.') {
            out += '0';
          }
        } else {
          out += *number_p;
          num_in = true;
        }
      }
      if (*number_p) ++number_p;
    }
    int end = num_count + (pre_spaces ? 1 : 0) + (d.decimal ? 1 : 0);
    if (last_relevant != nullptr && last_relevant == number_p) end = num_curr;
    if (num_curr + 1 == end && d.lsign == NumDesc::LeadingSign::kPost) {
      out += sign == '-' ? '-' : '+';
    }
    ++num_curr;
  };
  for (const NumItem& item : items) {
    switch (item.pattern) {
      case NumPattern::kNine:
      case NumPattern::kZero:
      case NumPattern::kDecimal: numpart(item.pattern); break;
      case NumPattern::kComma:
        if (!num_in) {
          if (!d.fill_mode) out += ' ';
        } else {
          out += ',';
        }
        break;
      case NumPattern::kMinus:
        if (sign == '-') {
          out += '-';
        } else if (!d.fill_mode) {
          out += ' ';
        }
        break;
      case NumPattern::kPlus:
        if (sign == '+') {
          out += '+';
        } else if (!d.fill_mode) {
          out += ' ';
        }
        break;
      case NumPattern::kSignAny: out += sign; break;
      case NumPattern::kCurrency: out += ' '; break;
      case NumPattern::kSign:
      case NumPattern::kFill: break;
      case NumPattern::kLiteral: out += item.literal; break;
    }
  }
  return out;
}

// The digits and the blank count for `digits` (no sign, '.' optional).
std::string Fit(std::string digits, const NumDesc& d, int* pre_spaces) {
  const size_t dot = digits.find('.');
  const int pre_len = static_cast<int>(dot == std::string::npos ? digits.size() : dot);
  *pre_spaces = 0;
  if (pre_len < d.pre) {
    *pre_spaces = d.pre - pre_len;
  } else if (pre_len > d.pre) {
    std::string hashes(static_cast<size_t>(d.pre + d.post + 1), '#');
    hashes[static_cast<size_t>(d.pre)] = '.';
    return hashes;
  }
  return digits;
}

// NUM_processor reading a number (to_number): each digit pattern reads a
// digit, or the sign before the first digit, or the decimal point; other
// patterns skip what they match; a literal skips one character, whatever
// it is. The digits read are `number`, after the sign (' ' when none).
class NumberReader {
 public:
  NumberReader(std::string_view text, const NumDesc& d) : text_(text), d_(d) {}

  Result<Numeric> Read(const std::vector<NumItem>& items) {
    for (const NumItem& item : items) {
      if (pos_ >= text_.size()) break;
      switch (item.pattern) {
        case NumPattern::kNine:
        case NumPattern::kZero:
        case NumPattern::kDecimal: ReadNumberPart(item.pattern); break;
        case NumPattern::kComma:
          // Before any digit is written (always, when reading) FM skips it.
          if (d_.fill_mode || text_[pos_] != ',') continue;
          break;
        case NumPattern::kMinus:
        case NumPattern::kPlus:
        case NumPattern::kSignAny: {
          const char c = text_[pos_];
          const bool minus = c == '-' && item.pattern != NumPattern::kPlus;
          const bool plus = c == '+' && item.pattern != NumPattern::kMinus;
          if (!minus && !plus) continue;
          sign_ = c;
          break;
        }
        case NumPattern::kCurrency: break;  // one character
        case NumPattern::kSign:
        case NumPattern::kFill: continue;
        case NumPattern::kLiteral: pos_ += CharLength(pos_); continue;
      }
      ++pos_;
    }
    if (!number_.empty() && number_.back() == '.') number_.pop_back();
    const std::string text = std::string(1, sign_) + number_;
    BASALT_ASSIGN_OR_RETURN(Numeric value, Numeric::Parse(text));
    return value.ApplyTypmod(d_.pre + read_post_, read_post_);
  }

 private:
  bool Digit(size_t at) const {
    return at < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at])) != 0;
  }
  size_t CharLength(size_t at) const {
    size_t n = 1;
    while (at + n < text_.size() && (static_cast<unsigned char>(text_[at + n]) & 0xC0) == 0x80) {
      ++n;
    }
    return n;
  }

  // NUM_numpart_from_char.
  void ReadNumberPart(NumPattern id) {
    if (text_[pos_] == ' ') ++pos_;
    if (pos_ >= text_.size()) return;
    const bool digit_pattern = id == NumPattern::kNine || id == NumPattern::kZero;
    if (sign_ == ' ' && digit_pattern && read_pre_ + read_post_ == 0) {
      if (text_[pos_] == '-' || text_[pos_] == '+') sign_ = text_[pos_++];
    }
    if (pos_ >= text_.size()) return;
    bool read = false;
    if (Digit(pos_)) {
      if (read_dec_ && read_post_ == d_.post) return;
      number_ += text_[pos_];
      ++(read_dec_ ? read_post_ : read_pre_);
      read = true;
    } else if (d_.decimal && !read_dec_ && text_[pos_] == '.') {
      number_ += '.';
      read_dec_ = true;
      read = true;
    }
    // A sign right after the last digit (9.9S, FM9.99MI).
    if (sign_ != ' ' || read_pre_ + read_post_ == 0) return;
    if (d_.lsign != NumDesc::LeadingSign::kNone) {
      if (read && pos_ + 1 < text_.size() && !Digit(pos_ + 1) &&
          (text_[pos_ + 1] == '-' || text_[pos_ + 1] == '+')) {
        sign_ = text_[++pos_];
      }
    } else if (!read && (d_.plus || d_.minus) && (text_[pos_] == '-' || text_[pos_] == '+')) {
      sign_ = text_[pos_];
    }
  }

  std::string_view text_;
  const NumDesc& d_;
  size_t pos_ = 0;
  char sign_ = ' ';
  std::string number_;
  int read_pre_ = 0;
  int read_post_ = 0;
  bool read_dec_ = false;
};

}  // namespace

Result<Numeric> ParseNumberWithFormat(std::string_view text, std::string_view format) {
  NumDesc d;
  BASALT_ASSIGN_OR_RETURN(std::vector<NumItem> items, ParseNumberTemplate(format, &d));
  return NumberReader(text, d).Read(items);
}

Result<std::string> FormatNumber(const Numeric& value, std::string_view format) {
  NumDesc d;
  BASALT_ASSIGN_OR_RETURN(std::vector<NumItem> items, ParseNumberTemplate(format, &d));
  // NaN and the infinities are laid out like digits, as PostgreSQL does:
  // 'Infinity' fills digit positions (or overflows them into '#').
  BASALT_ASSIGN_OR_RETURN(Numeric rounded, value.Round(d.post));
  std::string text = rounded.ToString();
  char sign = '+';
  if (!text.empty() && text[0] == '-') {
    sign = '-';
    text.erase(0, 1);
  }
  int pre_spaces = 0;
  text = Fit(std::move(text), d, &pre_spaces);
  // A fitting NaN or Infinity has no decimal places to fill.
  if (!value.is_finite() && text.find('#') == std::string::npos) d.post = 0;
  return Process(items, d, text, sign, pre_spaces);
}

Result<std::string> FormatFloat(double value, std::string_view format) {
  NumDesc d;
  BASALT_ASSIGN_OR_RETURN(std::vector<NumItem> items, ParseNumberTemplate(format, &d));
  // As float8_to_char: at most DBL_DIG significant digits.
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%.0f", std::fabs(value));
  const int integer_digits = static_cast<int>(std::strlen(buf));
  int post = d.post;
  if (integer_digits >= DBL_DIG) {
    post = 0;
  } else if (integer_digits + post > DBL_DIG) {
    post = DBL_DIG - integer_digits;
  }
  d.post = post;
  std::snprintf(buf, sizeof(buf), "%.*f", post, value);
  std::string text = buf;
  char sign = '+';
  if (!text.empty() && text[0] == '-') {
    sign = '-';
    text.erase(0, 1);
  }
  int pre_spaces = 0;
  text = Fit(std::move(text), d, &pre_spaces);
  return Process(items, d, text, sign, pre_spaces);
}

}  // namespace basalt
