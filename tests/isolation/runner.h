// Runs an isolation spec (spec.h) against a server and prints what happened
// as text: every step with its SQL, command tags, result rows, notices and
// errors (with SQLSTATE), in an order fixed by the permutation.
//
// Blocking is detected as PostgreSQL's isolationtester does, by locks: a
// step that has not finished within kBlockWait and that pg_blocking_pids
// shows waiting for another session is reported as `<waiting ...>` and the
// permutation goes on with the next step; when it finishes later,
// `step x: <... completed>` and its results are printed. A step that is only
// slow is waited for (up to kStepTimeout).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "tests/isolation/spec.h"

namespace basalt::isolation {

// A step still running after this long is reported as waiting. After each
// step, the steps waiting in other sessions get this long to finish (the
// step may have unblocked them) before the next step is sent.
inline constexpr std::chrono::milliseconds kBlockWait{250};
// A waiting step that must finish (its session has the next step, or the
// permutation is over) and is still running after this long is canceled
// and reported as timed out: the permutation cannot go on otherwise.
inline constexpr std::chrono::seconds kStepTimeout{10};

// Runs every permutation of `spec` against the server at `conninfo` (one
// connection per session plus one for setup and teardown) and returns the
// transcript. Throws std::runtime_error if a connection cannot be opened.
std::string RunSpec(const Spec& spec, const std::string& conninfo);

// Reads and parses a spec file (throws std::runtime_error).
Spec LoadSpec(const std::filesystem::path& path);

// Where the expected output of a spec lives: specs/<name>.spec has
// expected/<name>.out beside the specs folder.
std::filesystem::path ExpectedPath(const std::filesystem::path& spec_path);

// `diff -u` of the file `expected` and the text `actual`; empty when they are
// equal (a missing expected file differs from any output).
std::string Diff(const std::filesystem::path& expected, const std::string& actual);

}  // namespace basalt::isolation
