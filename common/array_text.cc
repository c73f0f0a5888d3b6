#include "common/array_text.h"

#include <fmt/format.h>

#include <strings.h>
#include <cctype>
#include <charconv>

#include "common/error.h"
#include "common/value_text.h"

namespace basalt {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// array_out's quoting of one element: double quotes around an empty string,
// NULL, and anything with a space, quote, backslash, comma or brace.
void AppendArrayElement(std::string_view element, std::string* out) {
  bool quote =
      element.empty() || (element.size() == 4 && strncasecmp(element.data(), "null", 4) == 0);
  for (char c : element) {
    quote = quote || IsSpace(c) || c == '"' || c == '\\' || c == ',' || c == '{' || c == '}';
  }
  if (!quote) {
    out->append(element);
    return;
  }
  out->push_back('"');
  for (char c : element) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

// Dimension `d` of a shaped array, from element `*next` on.
void AppendLevel(const std::vector<Value>& elements, const ArrayShape& shape, size_t d,
                 const DataType& element_type, size_t* next, std::string* out) {
  out->push_back('{');
  for (int32_t i = 0; i < shape.dims[d]; ++i) {
    if (i > 0) out->push_back(',');
    if (d + 1 < shape.dims.size()) {
      AppendLevel(elements, shape, d + 1, element_type, next, out);
      continue;
    }
    const Value& element = elements[(*next)++];
    if (element.is_null()) {
      out->append("NULL");
    } else {
      AppendArrayElement(ValueToText(element, element_type), out);
    }
  }
  out->push_back('}');
}

Status Malformed(std::string_view text, std::string_view detail) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       fmt::format("malformed array literal: \"{}\"", text))
      .WithDetail(std::string(detail));
}

Status TooManyDimensions(size_t n) {
  return Status::Error(
      sqlstate::kProgramLimitExceeded,
      fmt::format("number of array dimensions ({}) exceeds the maximum allowed ({})", n,
                  kMaxArrayDimensions));
}

// array_in's reader: nested braces, every sub-array of a level as long as
// the first, elements only at the deepest level.
class ArrayReader {
 public:
  ArrayReader(std::string_view text, const DataType& element_type)
      : text_(text), element_type_(element_type) {}

  Result<Value> Read() {
    SkipSpaces();
    ArrayShape declared;
    if (Peek() == '[') BASALT_RETURN_IF_ERROR(ReadDimensions(&declared));
    if (Peek() != '{') {
      return Malformed(text_, "Array value must start with \"{\" or dimension information.");
    }
    BASALT_RETURN_IF_ERROR(ReadLevel(0));
    SkipSpaces();
    if (i_ != text_.size()) return Malformed(text_, "Junk after closing right brace.");
    ArrayShape shape;
    if (!elements_.empty()) shape.dims = counts_;
    if (!declared.dims.empty()) {
      if (declared.dims != shape.dims) {
        return Malformed(text_, "Specified array dimensions do not match array contents.");
      }
      shape.lower_bounds = declared.lower_bounds;
    } else {
      shape.lower_bounds.assign(shape.dims.size(), 1);
    }
    return Value::ShapedArray(std::move(elements_), std::move(shape));
  }

 private:
  char Peek() const { return i_ < text_.size() ? text_[i_] : '\0'; }
  void SkipSpaces() {
    while (i_ < text_.size() && IsSpace(text_[i_])) ++i_;
  }

  Result<int32_t> ReadBound() {
    SkipSpaces();
    size_t start = i_;
    if (Peek() == '-' || Peek() == '+') ++i_;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) ++i_;
    int32_t value = 0;
    const char* first = text_.data() + start + (text_[start] == '+' ? 1 : 0);
    auto [end, error] = std::from_chars(first, text_.data() + i_, value);
    if (error != std::errc() || end != text_.data() + i_) {
      return Malformed(text_, "Array dimensions must start with an integer.");
    }
    SkipSpaces();
    return value;
  }

  // [lower:upper] (or [upper], from 1) per dimension, then "=".
  Status ReadDimensions(ArrayShape* shape) {
    while (Peek() == '[') {
      if (shape->dims.size() == static_cast<size_t>(kMaxArrayDimensions)) {
        return TooManyDimensions(shape->dims.size() + 1);
      }
      ++i_;
      BASALT_ASSIGN_OR_RETURN(int32_t lower, ReadBound());
      int32_t upper = lower;
      if (Peek() == ':') {
        ++i_;
        BASALT_ASSIGN_OR_RETURN(upper, ReadBound());
      } else {
        lower = 1;
      }
      if (Peek() != ']') return Malformed(text_, "Missing \"]\" after array dimensions.");
      ++i_;
      if (upper < lower) {
        return Status::Error(sqlstate::kArraySubscriptError,
                             "upper bound cannot be less than lower bound");
      }
      shape->dims.push_back(upper - lower + 1);
      shape->lower_bounds.push_back(lower);
      SkipSpaces();
    }
    if (Peek() != '=') return Malformed(text_, "Missing \"=\" after array dimensions.");
    ++i_;
    SkipSpaces();
    return Status::OK();
  }

  // The level at depth `depth`, from its "{" to its "}".
  Status ReadLevel(size_t depth) {
    if (depth + 1 > static_cast<size_t>(kMaxArrayDimensions)) return TooManyDimensions(depth + 1);
    ++i_;  // the "{"
    SkipSpaces();
    if (Peek() == '}') {
      // "{}" is the empty array; an empty sub-array is not allowed.
      if (depth > 0) return Malformed(text_, "Unexpected \"}\" character.");
      ++i_;
      return Status::OK();
    }
    int32_t count = 0;
    while (true) {
      SkipSpaces();
      if (Peek() == '{') {
        if (ndims_ > 0 && depth + 1 >= ndims_)
          return Malformed(text_, "Unexpected \"{\" character.");
        BASALT_RETURN_IF_ERROR(ReadLevel(depth + 1));
      } else {
        if (ndims_ == 0) ndims_ = depth + 1;
        if (depth + 1 != ndims_) return Malformed(text_, "Unexpected array element.");
        BASALT_RETURN_IF_ERROR(ReadElement());
      }
      ++count;
      SkipSpaces();
      if (i_ >= text_.size()) return Malformed(text_, "Unexpected end of input.");
      if (Peek() == '}') {
        ++i_;
        break;
      }
      if (Peek() != ',') return Malformed(text_, "Unexpected array element.");
      ++i_;
    }
    if (counts_.size() <= depth) counts_.resize(depth + 1, -1);
    if (counts_[depth] < 0) {
      counts_[depth] = count;
    } else if (counts_[depth] != count) {
      return Malformed(text_,
                       "Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
    return Status::OK();
  }

  Status ReadElement() {
    if (i_ >= text_.size()) return Malformed(text_, "Unexpected end of input.");
    std::string element;
    bool quoted = false;
    if (Peek() == '"') {
      quoted = true;
      ++i_;
      while (i_ < text_.size() && text_[i_] != '"') {
        if (text_[i_] == '\\' && i_ + 1 < text_.size()) ++i_;
        element.push_back(text_[i_++]);
      }
      if (i_ >= text_.size()) return Malformed(text_, "Unexpected end of input.");
      ++i_;
    } else {
      while (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '}') {
        if (text_[i_] == '"' || text_[i_] == '{') {
          return Malformed(text_, "Unexpected array element.");
        }
        if (text_[i_] == '\\' && i_ + 1 < text_.size()) ++i_;
        element.push_back(text_[i_++]);
      }
      while (!element.empty() && IsSpace(element.back())) element.pop_back();
      if (element.empty()) {
        return Malformed(text_, i_ < text_.size() && text_[i_] == '}'
                                    ? "Unexpected \"}\" character."
                                    : "Unexpected \",\" character.");
      }
    }
    if (!quoted && strcasecmp(element.c_str(), "null") == 0) {
      elements_.push_back(Value::Null());
      return Status::OK();
    }
    BASALT_ASSIGN_OR_RETURN(Value v, ValueFromText(element, element_type_));
    elements_.push_back(std::move(v));
    return Status::OK();
  }

  std::string_view text_;
  const DataType& element_type_;
  size_t i_ = 0;
  size_t ndims_ = 0;             // known once the first element is read
  std::vector<int32_t> counts_;  // per depth, the sub-arrays' length
  std::vector<Value> elements_;
};

}  // namespace

void AppendArrayText(const Value& value, const DataType& element_type, std::string* out) {
  const std::vector<Value>& elements = value.AsArray();
  const ArrayShape* shape = value.Shape();
  if (shape == nullptr) {
    ArrayShape one{{static_cast<int32_t>(elements.size())}, {1}};
    size_t next = 0;
    if (elements.empty()) {
      out->append("{}");
      return;
    }
    AppendLevel(elements, one, 0, element_type, &next, out);
    return;
  }
  bool default_bounds = true;
  for (int32_t lower : shape->lower_bounds) default_bounds = default_bounds && lower == 1;
  if (!default_bounds) {
    for (size_t d = 0; d < shape->dims.size(); ++d) {
      out->append(fmt::format("[{}:{}]", shape->lower_bounds[d],
                              shape->lower_bounds[d] + shape->dims[d] - 1));
    }
    out->push_back('=');
  }
  size_t next = 0;
  AppendLevel(elements, *shape, 0, element_type, &next, out);
}

Result<Value> ParseArrayText(std::string_view text, const DataType& element_type) {
  return ArrayReader(text, element_type).Read();
}

}  // namespace basalt
