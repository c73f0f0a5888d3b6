// The change log: (old row, new row) records of committed writes to tables
// that incremental materialized views watch, in the changelog column family.
// Transaction::AppendChange buffers them and Commit writes them under the
// commit sequence; readers (the incremental refresh) use these helpers to
// walk one relation's changes in commit order. Format:
// docs/formats/changelog.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt::storage {

struct ChangelogKey {
  uint32_t relation_id = 0;
  uint64_t commit_sequence = 0;
  uint32_t ordinal = 0;  // position of the change within its transaction
};

// relation id BE4 | commit sequence BE8 | ordinal BE4: byte order is commit
// order within a relation.
std::string EncodeChangelogKey(const ChangelogKey& key);
Status DecodeChangelogKey(std::string_view bytes, ChangelogKey* key);
// The first key of `relation_id`'s changes with commit sequence >= `sequence`;
// scan [ChangelogSeekKey(r, s + 1), ChangelogSeekKey(r, upto + 1)) for the
// changes committed in (s, upto].
std::string ChangelogSeekKey(uint32_t relation_id, uint64_t sequence);

// A change record: version byte, varint length of the old row, the old row,
// the new row (each in the row format; empty old: insert; empty new: delete).
void EncodeChange(std::string_view old_row, std::string_view new_row, std::string* out);
Status DecodeChange(std::string_view bytes, std::string_view* old_row, std::string_view* new_row);

}  // namespace basalt::storage
