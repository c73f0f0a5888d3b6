// Helpers to raise binder errors with a position.
#pragma once

#include <string>

#include "common/error.h"

namespace basalt::sql {

[[noreturn]] inline void ThrowAt(sqlstate::Code code, std::string message, int position) {
  throw Error(code, std::move(message)).WithPosition(position);
}

}  // namespace basalt::sql
