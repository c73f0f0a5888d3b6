// isolation_runner: runs isolation specs against a server given by its
// libpq conninfo, and either compares the transcripts with the expected
// files or (--record) writes them. See tests/isolation/README.md.
//
//   isolation_runner --conninfo "host=/tmp port=55440 user=basalt dbname=basalt" specs/*.spec
//   isolation_runner --conninfo "..." --record specs/lost_update_rc.spec
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tests/isolation/runner.h"

namespace {

int Usage() {
  std::cerr << "usage: isolation_runner --conninfo CONNINFO [--record] SPEC...\n"
               "  compares each spec's transcript with expected/<name>.out beside its\n"
               "  specs/ folder (prints the diff); --record writes that file instead\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string conninfo;
  bool record = false;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--conninfo") == 0 && i + 1 < argc) {
      conninfo = argv[++i];
    } else if (std::strcmp(argv[i], "--record") == 0) {
      record = true;
    } else if (argv[i][0] == '-') {
      return Usage();
    } else {
      specs.emplace_back(argv[i]);
    }
  }
  if (conninfo.empty() || specs.empty()) return Usage();

  int failed = 0;
  for (const std::string& path : specs) {
    try {
      const std::string actual =
          basalt::isolation::RunSpec(basalt::isolation::LoadSpec(path), conninfo);
      const std::filesystem::path expected = basalt::isolation::ExpectedPath(path);
      if (record) {
        std::ofstream(expected) << actual;
        std::cout << "recorded " << expected.string() << "\n";
        continue;
      }
      const std::string diff = basalt::isolation::Diff(expected, actual);
      if (diff.empty()) {
        std::cout << "ok     " << path << "\n";
      } else {
        std::cout << "FAILED " << path << "\n" << diff;
        ++failed;
      }
    } catch (const std::exception& e) {
      std::cout << "FAILED " << path << ": " << e.what() << "\n";
      ++failed;
    }
    std::cout.flush();
  }
  if (!record) std::cout << specs.size() - failed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
