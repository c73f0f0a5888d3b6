#include "common/to_char_pattern.h"

#include <utility>

#include "common/utf8.h"

namespace basalt {
namespace {

// In PostgreSQL's order: at each position the first pattern that matches
// is taken, so longer spellings come before their prefixes.
constexpr std::pair<std::string_view, DatePattern> kPatterns[] = {
    {"A.D.", DatePattern::kA_D_upper},
    {"A.M.", DatePattern::kA_M_upper},
    {"AD", DatePattern::kAD_upper},
    {"AM", DatePattern::kAM_upper},
    {"B.C.", DatePattern::kB_C_upper},
    {"BC", DatePattern::kBC_upper},
    {"CC", DatePattern::kCC},
    {"DAY", DatePattern::kDAY},
    {"DDD", DatePattern::kDDD},
    {"DD", DatePattern::kDD},
    {"DY", DatePattern::kDY},
    {"Day", DatePattern::kDay},
    {"Dy", DatePattern::kDy},
    {"D", DatePattern::kD},
    {"FF1", DatePattern::kFF1},
    {"FF2", DatePattern::kFF2},
    {"FF3", DatePattern::kFF3},
    {"FF4", DatePattern::kFF4},
    {"FF5", DatePattern::kFF5},
    {"FF6", DatePattern::kFF6},
    {"FX", DatePattern::kFX},
    {"HH24", DatePattern::kHH24},
    {"HH12", DatePattern::kHH12},
    {"HH", DatePattern::kHH},
    {"IDDD", DatePattern::kIDDD},
    {"ID", DatePattern::kID},
    {"IW", DatePattern::kIW},
    {"IYYY", DatePattern::kIYYY},
    {"IYY", DatePattern::kIYY},
    {"IY", DatePattern::kIY},
    {"I", DatePattern::kI},
    {"J", DatePattern::kJ},
    {"MI", DatePattern::kMI},
    {"MM", DatePattern::kMM},
    {"MONTH", DatePattern::kMONTH},
    {"MON", DatePattern::kMON},
    {"MS", DatePattern::kMS},
    {"Month", DatePattern::kMonth},
    {"Mon", DatePattern::kMon},
    {"OF", DatePattern::kOF},
    {"P.M.", DatePattern::kP_M_upper},
    {"PM", DatePattern::kPM_upper},
    {"Q", DatePattern::kQ},
    {"RM", DatePattern::kRM},
    {"SSSSS", DatePattern::kSSSS},
    {"SSSS", DatePattern::kSSSS},
    {"SS", DatePattern::kSS},
    {"TZH", DatePattern::kTZH},
    {"TZM", DatePattern::kTZM},
    {"TZ", DatePattern::kTZ_upper},
    {"US", DatePattern::kUS},
    {"WW", DatePattern::kWW},
    {"W", DatePattern::kW},
    {"Y,YYY", DatePattern::kY_YYY},
    {"YYYY", DatePattern::kYYYY},
    {"YYY", DatePattern::kYYY},
    {"YY", DatePattern::kYY},
    {"Y", DatePattern::kY},
    {"a.d.", DatePattern::kA_D_lower},
    {"a.m.", DatePattern::kA_M_lower},
    {"ad", DatePattern::kAD_lower},
    {"am", DatePattern::kAM_lower},
    {"b.c.", DatePattern::kB_C_lower},
    {"bc", DatePattern::kBC_lower},
    {"cc", DatePattern::kCC},
    {"day", DatePattern::kday},
    {"ddd", DatePattern::kDDD},
    {"dd", DatePattern::kDD},
    {"dy", DatePattern::kdy},
    {"d", DatePattern::kD},
    {"ff1", DatePattern::kFF1},
    {"ff2", DatePattern::kFF2},
    {"ff3", DatePattern::kFF3},
    {"ff4", DatePattern::kFF4},
    {"ff5", DatePattern::kFF5},
    {"ff6", DatePattern::kFF6},
    {"fx", DatePattern::kFX},
    {"hh24", DatePattern::kHH24},
    {"hh12", DatePattern::kHH12},
    {"hh", DatePattern::kHH},
    {"iddd", DatePattern::kIDDD},
    {"id", DatePattern::kID},
    {"iw", DatePattern::kIW},
    {"iyyy", DatePattern::kIYYY},
    {"iyy", DatePattern::kIYY},
    {"iy", DatePattern::kIY},
    {"i", DatePattern::kI},
    {"j", DatePattern::kJ},
    {"mi", DatePattern::kMI},
    {"mm", DatePattern::kMM},
    {"month", DatePattern::kmonth},
    {"mon", DatePattern::kmon},
    {"ms", DatePattern::kMS},
    {"of", DatePattern::kOF},
    {"p.m.", DatePattern::kP_M_lower},
    {"pm", DatePattern::kPM_lower},
    {"q", DatePattern::kQ},
    {"rm", DatePattern::krm},
    {"sssss", DatePattern::kSSSS},
    {"ssss", DatePattern::kSSSS},
    {"ss", DatePattern::kSS},
    {"tzh", DatePattern::kTZH},
    {"tzm", DatePattern::kTZM},
    {"tz", DatePattern::kTZ_lower},
    {"us", DatePattern::kUS},
    {"ww", DatePattern::kWW},
    {"w", DatePattern::kW},
    {"y,yyy", DatePattern::kY_YYY},
    {"yyyy", DatePattern::kYYYY},
    {"yyy", DatePattern::kYYY},
    {"yy", DatePattern::kYY},
    {"y", DatePattern::kY},
};

size_t Utf8Length(std::string_view s, size_t i) {
  return std::min(basalt::Utf8Length(s[i]), s.size() - i);
}

}  // namespace

const std::vector<TemplateItem>& CachedDateTemplate(std::string_view format) {
  thread_local std::string cached_format;
  thread_local std::vector<TemplateItem> cached_items;
  thread_local bool filled = false;
  if (!filled || format != cached_format) {
    cached_items = ParseDateTemplate(format);
    cached_format.assign(format);
    filled = true;
  }
  return cached_items;
}

std::vector<TemplateItem> ParseDateTemplate(std::string_view format) {
  std::vector<TemplateItem> items;
  size_t i = 0;
  auto starts = [&](std::string_view word) { return format.substr(i).starts_with(word); };
  while (i < format.size()) {
    bool fill_mode = false;
    if (starts("FM") || starts("fm")) {
      fill_mode = true;
      i += 2;
    } else if (starts("TM") || starts("tm")) {
      i += 2;  // translation mode: names are English either way
    }
    if (i >= format.size()) break;
    bool matched = false;
    for (const auto& [text, pattern] : kPatterns) {
      if (!starts(text)) continue;
      TemplateItem item;
      item.pattern = pattern;
      item.fill_mode = fill_mode;
      i += text.size();
      if (starts("TH")) {
        item.ordinal = 1;
        i += 2;
      } else if (starts("th")) {
        item.ordinal = -1;
        i += 2;
      } else if (starts("SP")) {
        i += 2;
      }
      if (pattern != DatePattern::kFX) items.push_back(std::move(item));
      matched = true;
      break;
    }
    if (matched) continue;
    TemplateItem literal;
    if (format[i] == '"') {
      ++i;
      while (i < format.size()) {
        if (format[i] == '"') {
          ++i;
          break;
        }
        if (format[i] == '\\' && i + 1 < format.size()) ++i;
        const size_t n = Utf8Length(format, i);
        literal.literal.append(format.substr(i, n));
        i += n;
      }
      items.push_back(std::move(literal));
      continue;
    }
    if (format[i] == '\\' && i + 1 < format.size() && format[i + 1] == '"') ++i;
    const size_t n = Utf8Length(format, i);
    literal.literal = std::string(format.substr(i, n));
    i += n;
    items.push_back(std::move(literal));
  }
  return items;
}

}  // namespace basalt
