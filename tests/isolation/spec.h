// An isolation spec: a fixed interleaving of statements from several
// connections, in the manner of PostgreSQL's src/test/isolation specs.
//
//   # comment to the end of the line
//   setup    { CREATE TABLE c (id int PRIMARY KEY, v int); }   (any number)
//   teardown { DROP TABLE c; }
//   session s1
//   setup    { SET lock_timeout = '1s'; }     (optional, per session)
//   step s1b { BEGIN; }
//   step s1u { UPDATE c SET v = v + 1 WHERE id = 1; }
//   session s2
//   step s2u { UPDATE c SET v = v + 1 WHERE id = 1; }
//   permutation s1b s1u s2u ...               (one or more)
//
// Step names are unique across sessions. The format is described for users
// in tests/isolation/README.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace basalt::isolation {

struct Step {
  std::string name;
  std::string sql;
  size_t session = 0;  // index into Spec::sessions
};

struct Session {
  std::string name;
  std::vector<std::string> setup;
  std::vector<std::string> teardown;
  std::vector<Step> steps;
};

struct Spec {
  std::vector<std::string> setup;     // run on a control connection before each permutation
  std::vector<std::string> teardown;  // and after it, once the sessions are closed
  std::vector<Session> sessions;
  // Each permutation lists step names in the order they are sent.
  std::vector<std::vector<std::string>> permutations;

  // The step called `name`, or nullptr.
  const Step* FindStep(std::string_view name) const;
};

// Parses spec text. Throws std::runtime_error naming the line on a syntax
// error, a duplicate or unknown step name, or a spec without permutations.
Spec ParseSpec(std::string_view text);

}  // namespace basalt::isolation
