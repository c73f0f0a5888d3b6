#include "sql/copy/copy_input.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "sql/copy/copy_output.h"

namespace basalt::sql {
namespace {

CopyOptions Options(CopyFormat format) {
  ast::CopyStmt stmt;
  stmt.from = true;
  ast::CopyOption option;
  option.name = "format";
  option.value = format == CopyFormat::kCsv      ? "csv"
                 : format == CopyFormat::kBinary ? "binary"
                                                 : "text";
  stmt.options.push_back(option);
  return ResolveCopyOptions(stmt, {"a", "b"}, nullptr);
}

// Every record of `input` fed in pieces of `piece` bytes, as "a|b" with
// NULL shown as <null>.
std::vector<std::string> Records(const CopyOptions& options, std::string_view input, size_t piece) {
  CopyInput in(options, {"a", "b"}, "t");
  std::vector<std::string> out;
  CopyRecord record;
  auto drain = [&](bool at_end) {
    while (in.Next(at_end, &record)) {
      std::string shown;
      for (size_t i = 0; i < record.fields.size(); ++i) {
        if (i > 0) shown += "|";
        shown += record.nulls[i] ? "<null>" : record.fields[i];
      }
      out.push_back(shown);
    }
    in.Compact();
  };
  for (size_t at = 0; at < input.size(); at += piece) {
    in.Append(input.substr(at, piece));
    drain(false);
  }
  drain(true);
  in.CheckEnd();
  return out;
}

std::string ErrorOf(const CopyOptions& options, std::string_view input) {
  try {
    Records(options, input, input.size());
  } catch (const Error& e) {
    return std::string(e.code()) + " " + e.message() + " / " + e.context();
  }
  return "no error";
}

TEST_CASE("COPY text input: escapes, NULL, end marker, any cut", "[copy]") {
  const CopyOptions text = Options(CopyFormat::kText);
  const std::string input = "1\tx\\ty\n\\N\tback\\\\slash\\n\n3\t\\101\\x42\r\n\\.\nignored\n";
  for (size_t piece : {1, 2, 3, 7, 1000}) {
    CHECK(Records(text, input, piece) ==
          std::vector<std::string>{"1|x\ty", "<null>|back\\slash\n", "3|AB"});
  }
  // The last line may lack its newline.
  CHECK(Records(text, "1\t2", 1) == std::vector<std::string>{"1|2"});
  CHECK(ErrorOf(text, "1\t2\t3\n") ==
        "22P04 extra data after last expected column / COPY t, line 1: \"1\t2\t3\"");
  CHECK(ErrorOf(text, "1\t2\n3\n") ==
        "22P04 missing data for column \"b\" / COPY t, line 2: \"3\"");
  CHECK(ErrorOf(text, "\\.x\n") == "22P04 end-of-copy marker corrupt / COPY t, line 1: \"\\.x\"");
  CHECK(ErrorOf(text, "a\xc3\x28\tb\n") ==
        "22021 invalid byte sequence for encoding \"UTF8\": 0xc3 0x28 / COPY t, line 1");
}

TEST_CASE("COPY CSV input: quotes, multi-line fields, NULL vs empty", "[copy]") {
  const CopyOptions csv = Options(CopyFormat::kCsv);
  const std::string input = "1,\"a,b\"\n,\"\"\n\"x\"\"y\",\"two\nlines\"\n";
  for (size_t piece : {1, 4, 1000}) {
    CHECK(Records(csv, input, piece) ==
          std::vector<std::string>{"1|a,b", "<null>|", "x\"y|two\nlines"});
  }
  CHECK(ErrorOf(csv, "1,\"abc\n") ==
        "22P04 unterminated CSV quoted field / COPY t, line 1: \"1,\"abc\n\"");
}

TEST_CASE("COPY binary round trip through CopyOutput and CopyInput", "[copy]") {
  ast::CopyStmt stmt;
  ast::CopyOption option;
  option.name = "format";
  option.value = "binary";
  stmt.options.push_back(option);
  const CopyOptions out_options = ResolveCopyOptions(stmt, {"a", "b"}, nullptr);
  CopyOutput output(out_options, {DataType::Of(TypeId::kInt4), DataType::Of(TypeId::kText)});
  std::string bytes = output.Start({"a", "b"});
  output.AppendRow({Value::Int(7), Value::String("seven")}, &bytes);
  output.AppendRow({Value::Null(), Value::String("")}, &bytes);
  bytes += output.Finish();
  const std::vector<std::string> records = Records(Options(CopyFormat::kBinary), bytes, 3);
  REQUIRE(records.size() == 2);
  CHECK(records[0] == std::string("\0\0\0\7|seven", 10));
  CHECK(records[1] == "<null>|");
  CHECK(ErrorOf(Options(CopyFormat::kBinary), "PGCOPY") ==
        "22P04 COPY file signature not recognized / COPY t, line 0");
  CHECK(ErrorOf(Options(CopyFormat::kBinary), bytes + "x") ==
        "22P04 received copy data after EOF marker / COPY t, line 2");
}

TEST_CASE("COPY text and CSV output", "[copy]") {
  ast::CopyStmt stmt;
  const CopyOptions text = ResolveCopyOptions(stmt, {"a"}, nullptr);
  CopyOutput out(text, {DataType::Of(TypeId::kText), DataType::Of(TypeId::kText)});
  std::string line;
  out.AppendRow({Value::String("tab\there\\"), Value::Null()}, &line);
  CHECK(line == "tab\\there\\\\\t\\N\n");
  ast::CopyOption csv;
  csv.name = "format";
  csv.value = "csv";
  stmt.options.push_back(csv);
  CopyOutput csv_out(ResolveCopyOptions(stmt, {"a", "b"}, nullptr),
                     {DataType::Of(TypeId::kText), DataType::Of(TypeId::kText)});
  line.clear();
  csv_out.AppendRow({Value::String("a,\"b\""), Value::String("")}, &line);
  csv_out.AppendRow({Value::Null(), Value::String("plain")}, &line);
  CHECK(line == "\"a,\"\"b\"\"\",\"\"\n,plain\n");
}

}  // namespace
}  // namespace basalt::sql
