#include "common/session_formats.h"

#include "common/datetime.h"

namespace basalt {
namespace {

thread_local SessionFormats session_formats;

}  // namespace

const SessionFormats& CurrentSessionFormats() {
  return session_formats;
}

void SetSessionFormats(const SessionFormats& formats) {
  session_formats = formats;
}

ScopedSessionFormats::ScopedSessionFormats(const SessionFormats& formats)
    : previous_(session_formats) {
  session_formats = formats;
}

ScopedSessionFormats::~ScopedSessionFormats() {
  session_formats = previous_;
}

int64_t TransactionStartOrNow() {
  const int64_t start = session_formats.transaction_start;
  return start != 0 ? start : CurrentTimestamp();
}

SessionFormats SessionFormatsFromSettings(std::string_view bytea_output,
                                          std::string_view date_style,
                                          std::string_view interval_style) {
  SessionFormats formats;
  if (bytea_output == "escape") formats.bytea_output = ByteaOutput::kEscape;
  // DateStyle is stored as settings.cc writes it: "<style>, <order>".
  if (date_style.starts_with("SQL")) {
    formats.date_style = DateStyle::kSql;
  } else if (date_style.starts_with("Postgres")) {
    formats.date_style = DateStyle::kPostgres;
  } else if (date_style.starts_with("German")) {
    formats.date_style = DateStyle::kGerman;
  }
  if (date_style.ends_with("DMY")) {
    formats.date_order = DateOrder::kDmy;
  } else if (date_style.ends_with("YMD")) {
    formats.date_order = DateOrder::kYmd;
  }
  if (interval_style == "postgres_verbose") {
    formats.interval_style = IntervalStyle::kPostgresVerbose;
  } else if (interval_style == "sql_standard") {
    formats.interval_style = IntervalStyle::kSqlStandard;
  } else if (interval_style == "iso_8601") {
    formats.interval_style = IntervalStyle::kIso8601;
  }
  return formats;
}

}  // namespace basalt
