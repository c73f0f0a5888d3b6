// pg_get_viewdef's window calls and WINDOW clause, as ruleutils'
// get_windowfunc_expr and get_rule_windowspec print them: `OVER name` for
// a window of the WINDOW clause, otherwise the window's text, in which a
// window it extends is named and its PARTITION BY (and an ORDER BY it
// inherited) left out, and the frame shown only when one was written.
#include "sql/binder/deparse_printer.h"

namespace basalt::sql::deparse_detail {

void Printer::Window(const BoundExpr& e, const Row& row, std::string& out) {
  if (e.window_function == WindowFunction::kAggregate) {
    Expr(*e.children[0], row, &e, true, out);  // the aggregate, FILTER included
  } else {
    out += std::string(WindowFunctionName(e.window_function)) + "(";
    for (size_t i = 0; i < e.window.arg_count; ++i) {
      if (i > 0) out += ", ";
      Expr(*e.children[i], row, &e, true, out);
    }
    out += ')';
  }
  out += " OVER ";
  if (!e.window.name.empty()) {
    out += Quote(e.window.name);
    return;
  }
  WindowSpec(e, row, out);
}

void Printer::WindowSpec(const BoundExpr& e, const Row& row, std::string& out) {
  const BoundWindow& w = e.window;
  out += '(';
  bool space = false;
  auto separate = [&] {
    if (space) out += ' ';
    space = true;
  };
  if (!w.ref_name.empty()) {
    separate();
    out += Quote(w.ref_name);
  }
  if (w.partition_count > 0 && w.ref_name.empty()) {  // always the extended window's
    separate();
    out += "PARTITION BY ";
    for (size_t k = 0; k < w.partition_count; ++k) {
      if (k > 0) out += ", ";
      SortGroupItem(*e.children[w.PartitionBegin() + k], row, out);
    }
  }
  if (!w.order.empty() && !w.order_inherited) {
    separate();
    out += "ORDER BY ";
    for (size_t k = 0; k < w.order.size(); ++k) {
      if (k > 0) out += ", ";
      OrderKey(*e.children[w.OrderBegin() + k], w.order[k].descending, w.order[k].nulls_first, row,
               out);
    }
  }
  if (w.frame_written) {
    separate();
    out += w.mode == FrameMode::kRange  ? "RANGE "
           : w.mode == FrameMode::kRows ? "ROWS "
                                        : "GROUPS ";
    if (w.frame_between) out += "BETWEEN ";
    const bool start_offset = BoundWindow::HasOffset(w.start);
    FrameBoundText(w.start, start_offset ? e.children[w.StartOffset()].get() : nullptr, row, out);
    if (w.frame_between) {
      out += "AND ";
      const bool end_offset = BoundWindow::HasOffset(w.end);
      FrameBoundText(w.end, end_offset ? e.children[w.EndOffset()].get() : nullptr, row, out);
    }
    switch (w.exclusion) {
      case FrameExclusion::kNoOthers: break;
      case FrameExclusion::kCurrentRow: out += "EXCLUDE CURRENT ROW "; break;
      case FrameExclusion::kGroup: out += "EXCLUDE GROUP "; break;
      case FrameExclusion::kTies: out += "EXCLUDE TIES "; break;
    }
    out.pop_back();  // each part ends in a space
  }
  out += ')';
}

void Printer::FrameBoundText(FrameBound bound, const BoundExpr* offset, const Row& row,
                             std::string& out) {
  switch (bound) {
    case FrameBound::kUnboundedPreceding: out += "UNBOUNDED PRECEDING "; return;
    case FrameBound::kCurrentRow: out += "CURRENT ROW "; return;
    case FrameBound::kUnboundedFollowing: out += "UNBOUNDED FOLLOWING "; return;
    case FrameBound::kPreceding:
    case FrameBound::kFollowing:
      if (offset == nullptr) throw Unsupported{};
      LimitValue(*offset, row, out);
      out += bound == FrameBound::kPreceding ? " PRECEDING " : " FOLLOWING ";
      return;
  }
}

void Printer::WindowClause(const BoundSelect& q, const Row& row, std::string& out) {
  for (size_t i = 0; i < q.window_clause.size(); ++i) {
    const BoundExpr& window = *q.window_clause[i];
    if (i == 0) {
      Keyword(out, " WINDOW ", -kIndentStd, kIndentStd, 1);
    } else {
      out += ", ";
    }
    out += Quote(window.window.name) + " AS ";
    WindowSpec(window, row, out);
  }
}

}  // namespace basalt::sql::deparse_detail
