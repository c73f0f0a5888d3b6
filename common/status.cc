#include "common/status.h"

namespace basalt {

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(code()) + ": " + message();
}

}  // namespace basalt
