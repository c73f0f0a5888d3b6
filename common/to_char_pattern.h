// The date/time template of to_char / to_timestamp split into patterns
// (PostgreSQL's DCH_keywords, DCH_suff and parse_format).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace basalt {

enum class DatePattern {
  kLiteral,
  kA_D_upper,
  kA_M_upper,
  kAD_upper,
  kAM_upper,
  kB_C_upper,
  kBC_upper,
  kCC,
  kDAY,
  kDDD,
  kDD,
  kDY,
  kDay,
  kDy,
  kD,
  kFF1,
  kFF2,
  kFF3,
  kFF4,
  kFF5,
  kFF6,
  kFX,
  kHH24,
  kHH12,
  kHH,
  kIDDD,
  kID,
  kIW,
  kIYYY,
  kIYY,
  kIY,
  kI,
  kJ,
  kMI,
  kMM,
  kMONTH,
  kMON,
  kMS,
  kMonth,
  kMon,
  kOF,
  kP_M_upper,
  kPM_upper,
  kQ,
  kRM,
  kSSSS,
  kSS,
  kTZH,
  kTZM,
  kTZ_upper,
  kUS,
  kWW,
  kW,
  kY_YYY,
  kYYYY,
  kYYY,
  kYY,
  kY,
  kA_D_lower,
  kA_M_lower,
  kAD_lower,
  kAM_lower,
  kB_C_lower,
  kBC_lower,
  kday,
  kdy,
  kmonth,
  kmon,
  kP_M_lower,
  kPM_lower,
  krm,
  kTZ_lower,
};

struct TemplateItem {
  DatePattern pattern = DatePattern::kLiteral;
  std::string literal;     // kLiteral: the character(s) copied
  bool fill_mode = false;  // FM prefix
  int ordinal = 0;         // TH suffix: 1, th suffix: -1
};

std::vector<TemplateItem> ParseDateTemplate(std::string_view format);
// ParseDateTemplate's result for the format this thread asked for last:
// to_char over a column parses one constant format per row otherwise
// (PostgreSQL keeps a small cache of parsed formats too). Valid until the
// thread's next call.
const std::vector<TemplateItem>& CachedDateTemplate(std::string_view format);

}  // namespace basalt
