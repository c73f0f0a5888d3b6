#include "sql/execution/exec_context.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

void ExecContext::CheckForInterrupts() const {
  if (interrupt == nullptr) return;
  Status status = interrupt->Check();
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace basalt::sql
