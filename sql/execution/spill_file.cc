#include "sql/execution/spill_file.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"
#include "sql/activity_counts.h"
#include "sql/execution/evaluate.h"
#include "storage/kv_store.h"
#include "storage/temp_files.h"

namespace basalt::sql {
namespace {

// Little-endian fixed-width integers: spill files are read back by the
// process that wrote them, so no portable format is needed beyond that.
template <typename T>
void Put(T v, std::string* out) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out->append(bytes, sizeof(T));
}

template <typename T>
bool Get(std::string_view* in, T* v) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}

// A numeric's scale slot holding this means its text follows.
constexpr int32_t kNumericAsText = -1;

void EncodeValue(const Value& v, std::string* out) {
  out->push_back(static_cast<char>(v.kind()));
  switch (v.kind()) {
    case Value::Kind::kNull: return;
    case Value::Kind::kBool: out->push_back(v.AsBool() ? 1 : 0); return;
    case Value::Kind::kInt: Put<int64_t>(v.AsInt(), out); return;
    case Value::Kind::kFloat: Put<double>(v.AsFloat(), out); return;
    case Value::Kind::kNumeric: {
      const Numeric& n = v.AsNumeric();
      if (n.is_inline()) {
        Put<Int128>(n.unscaled(), out);
        Put<int32_t>(n.scale(), out);
        return;
      }
      // Big values and NaN / infinities as their text (exact, keeps the scale).
      const std::string text = n.ToString();
      Put<Int128>(0, out);
      Put<int32_t>(kNumericAsText, out);
      Put<uint32_t>(static_cast<uint32_t>(text.size()), out);
      out->append(text);
      return;
    }
    case Value::Kind::kInterval:
      Put<int32_t>(v.AsInterval().months, out);
      Put<int32_t>(v.AsInterval().days, out);
      Put<int64_t>(v.AsInterval().micros, out);
      return;
    case Value::Kind::kString:
      Put<uint32_t>(static_cast<uint32_t>(v.AsString().size()), out);
      out->append(v.AsString());
      return;
    case Value::Kind::kShapedArray:
      Put<uint32_t>(static_cast<uint32_t>(v.Shape()->dims.size()), out);
      for (size_t d = 0; d < v.Shape()->dims.size(); ++d) {
        Put<int32_t>(v.Shape()->dims[d], out);
        Put<int32_t>(v.Shape()->lower_bounds[d], out);
      }
      [[fallthrough]];
    case Value::Kind::kArray:
      Put<uint32_t>(static_cast<uint32_t>(v.AsArray().size()), out);
      for (const Value& e : v.AsArray()) EncodeValue(e, out);
      return;
  }
}

bool DecodeValue(std::string_view* in, Value* v) {
  uint8_t kind = 0;
  if (!Get(in, &kind)) return false;
  switch (static_cast<Value::Kind>(kind)) {
    case Value::Kind::kNull: *v = Value::Null(); return true;
    case Value::Kind::kBool: {
      uint8_t b = 0;
      if (!Get(in, &b)) return false;
      *v = Value::Bool(b != 0);
      return true;
    }
    case Value::Kind::kInt: {
      int64_t i = 0;
      if (!Get(in, &i)) return false;
      *v = Value::Int(i);
      return true;
    }
    case Value::Kind::kFloat: {
      double d = 0;
      if (!Get(in, &d)) return false;
      *v = Value::Float(d);
      return true;
    }
    case Value::Kind::kNumeric: {
      Int128 unscaled = 0;
      int32_t scale = 0;
      if (!Get(in, &unscaled) || !Get(in, &scale)) return false;
      if (scale == kNumericAsText) {
        uint32_t size = 0;
        if (!Get(in, &size) || in->size() < size) return false;
        Result<Numeric> n = Numeric::Parse(in->substr(0, size));
        in->remove_prefix(size);
        if (!n.ok()) return false;
        *v = Value::Decimal(std::move(*n));
        return true;
      }
      *v = Value::Decimal(Numeric(unscaled, scale));
      return true;
    }
    case Value::Kind::kInterval: {
      Interval span;
      if (!Get(in, &span.months) || !Get(in, &span.days) || !Get(in, &span.micros)) return false;
      *v = Value::Span(span);
      return true;
    }
    case Value::Kind::kString: {
      uint32_t size = 0;
      if (!Get(in, &size) || in->size() < size) return false;
      *v = Value::String(std::string(in->substr(0, size)));
      in->remove_prefix(size);
      return true;
    }
    case Value::Kind::kShapedArray:
    case Value::Kind::kArray: {
      ArrayShape shape;
      if (static_cast<Value::Kind>(kind) == Value::Kind::kShapedArray) {
        uint32_t ndims = 0;
        if (!Get(in, &ndims) || ndims > in->size()) return false;
        shape.dims.resize(ndims);
        shape.lower_bounds.resize(ndims);
        for (uint32_t d = 0; d < ndims; ++d) {
          if (!Get(in, &shape.dims[d]) || !Get(in, &shape.lower_bounds[d])) return false;
        }
      }
      uint32_t size = 0;
      if (!Get(in, &size) || size > in->size()) return false;
      std::vector<Value> elements(size);
      for (Value& e : elements) {
        if (!DecodeValue(in, &e)) return false;
      }
      *v = Value::ShapedArray(std::move(elements), std::move(shape));
      return true;
    }
  }
  return false;
}

}  // namespace

void EncodeSpillRow(const Row& row, std::string* out) {
  Put<uint32_t>(static_cast<uint32_t>(row.size()), out);
  for (const Value& v : row) EncodeValue(v, out);
}

bool DecodeSpillRow(std::string_view input, Row* row) {
  uint32_t size = 0;
  if (!Get(&input, &size)) return false;
  row->resize(size);
  for (Value& v : *row) {
    if (!DecodeValue(&input, &v)) return false;
  }
  return input.empty();
}

SpillFile::SpillFile(ExecContext& ctx, SpillStats* stats, size_t block_size)
    : stats_(stats), database_(ctx.database_oid) {
  Result<std::unique_ptr<storage::TempFile>> file =
      ctx.store.temp_files().Create(block_size != 0 ? block_size : storage::kTempFileBlockSize);
  if (!file.ok()) ThrowStatus(file.status());
  file_ = std::move(*file);
  ++stats_->files;
}

SpillFile::~SpillFile() {
  ServerActivityCounts().AddTempFile(database_, bytes_);
}

void SpillFile::Write(const Row& row) {
  // Each row: its encoding's length, then the encoding.
  buffer_.assign(sizeof(uint32_t), '\0');
  EncodeSpillRow(row, &buffer_);
  const auto size = static_cast<uint32_t>(buffer_.size() - sizeof(uint32_t));
  std::memcpy(buffer_.data(), &size, sizeof(size));
  Status st = file_->Append(buffer_);
  if (!st.ok()) ThrowStatus(st);
  ++rows_;
  ++stats_->rows;
  bytes_ += buffer_.size();
  stats_->bytes += buffer_.size();
}

size_t SpillBlockSize(int64_t work_mem, size_t open_files) {
  constexpr int64_t kMinBlock = 16 * 1024;
  const int64_t share = work_mem / static_cast<int64_t>(std::max<size_t>(open_files, 1));
  return static_cast<size_t>(
      std::clamp(share, kMinBlock, static_cast<int64_t>(storage::kTempFileBlockSize)));
}

void SpillFile::EndWrite() {
  Status st = file_->EndWrite();
  if (!st.ok()) ThrowStatus(st);
}

void SpillFile::Rewind() {
  Status st = file_->Rewind();
  if (!st.ok()) ThrowStatus(st);
}

bool SpillFile::Read(Row* row) {
  if (file_->AtEnd()) return false;
  Status st = file_->Read(sizeof(uint32_t), &buffer_);
  uint32_t size = 0;
  if (st.ok()) {
    std::memcpy(&size, buffer_.data(), sizeof(size));
    st = file_->Read(size, &buffer_);
  }
  if (!st.ok()) ThrowStatus(st);
  DecodeBuffer(row);
  return true;
}

uint64_t SpillFile::ReadAt(uint64_t offset, Row* row) {
  Status st = file_->ReadAt(offset, sizeof(uint32_t), &buffer_);
  uint32_t size = 0;
  if (st.ok()) {
    std::memcpy(&size, buffer_.data(), sizeof(size));
    st = file_->ReadAt(offset + sizeof(uint32_t), size, &buffer_);
  }
  if (!st.ok()) ThrowStatus(st);
  DecodeBuffer(row);
  return offset + sizeof(uint32_t) + size;
}

void SpillFile::DecodeBuffer(Row* row) const {
  if (!DecodeSpillRow(buffer_, row)) {
    throw Error(sqlstate::kDataCorrupted, "could not decode a row of a temporary file");
  }
}

}  // namespace basalt::sql
