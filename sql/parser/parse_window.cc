// Window specifications: a call's `OVER name | OVER (...)` and a query's
// `WINDOW name AS (...), ...`, with frames as gram.y reads them (its frame
// checks, 42P20, are raised here as there).
#include "common/error.h"
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

using Bound = ast::WindowFrameBound::Type;

[[noreturn]] void FrameError(const std::string& message, int position) {
  throw Error(sqlstate::kWindowingError, message).WithPosition(position);
}

}  // namespace

std::unique_ptr<ast::WindowDef> Parser::ParseOverClause() {
  ExpectWord("over");
  if (!PeekOp("(")) {
    auto window = std::make_unique<ast::WindowDef>();
    window->position = Peek().position;
    window->ref_position = Peek().position;
    window->ref_name = ParseColId();
    window->copy_whole = true;
    return window;
  }
  return ParseWindowSpecification();
}

std::unique_ptr<ast::WindowDef> Parser::ParseWindowSpecification() {
  auto window = std::make_unique<ast::WindowDef>();
  window->position = ExpectOp("(").position;
  // gram.y's opt_existing_window_name: a name unless it is the start of
  // one of the clauses.
  if (PeekColId() && !PeekWord("partition") && !PeekWord("range") && !PeekWord("rows") &&
      !PeekWord("groups")) {
    window->ref_position = Peek().position;
    window->ref_name = ParseColId();
  }
  if (AcceptWord("partition")) {
    ExpectWord("by");
    window->partition_by = ParseExprList();
  }
  if (AcceptWord("order")) {
    ExpectWord("by");
    window->order_by = ParseOrderBy();
  }
  if (PeekWord("range") || PeekWord("rows") || PeekWord("groups")) ParseWindowFrame(*window);
  ExpectOp(")");
  return window;
}

ast::WindowFrameBound Parser::ParseFrameBound() {
  ast::WindowFrameBound bound;
  if (AcceptWord("unbounded")) {
    if (AcceptWord("preceding")) {
      bound.type = Bound::kUnboundedPreceding;
    } else {
      ExpectWord("following");
      bound.type = Bound::kUnboundedFollowing;
    }
    return bound;
  }
  if (PeekWord("current") && PeekWord("row", 1)) {
    Advance();
    Advance();
    bound.type = Bound::kCurrentRow;
    return bound;
  }
  bound.offset = ParseExpr();
  if (AcceptWord("preceding")) {
    bound.type = Bound::kPreceding;
  } else {
    ExpectWord("following");
    bound.type = Bound::kFollowing;
  }
  return bound;
}

void Parser::ParseWindowFrame(ast::WindowDef& window) {
  const Token& mode = Advance();
  window.frame_mode = mode.IsWord("range")  ? ast::WindowDef::FrameMode::kRange
                      : mode.IsWord("rows") ? ast::WindowDef::FrameMode::kRows
                                            : ast::WindowDef::FrameMode::kGroups;
  if (AcceptWord("between")) {
    window.frame_between = true;
    const int start_position = Peek().position;
    window.frame_start = ParseFrameBound();
    ExpectWord("and");
    const int end_position = Peek().position;
    window.frame_end = ParseFrameBound();
    const Bound start = window.frame_start.type;
    const Bound end = window.frame_end.type;
    if (start == Bound::kUnboundedFollowing) {
      FrameError("frame start cannot be UNBOUNDED FOLLOWING", start_position);
    }
    if (end == Bound::kUnboundedPreceding) {
      FrameError("frame end cannot be UNBOUNDED PRECEDING", end_position);
    }
    if (start == Bound::kCurrentRow && end == Bound::kPreceding) {
      FrameError("frame starting from current row cannot have preceding rows", end_position);
    }
    if (start == Bound::kFollowing && (end == Bound::kPreceding || end == Bound::kCurrentRow)) {
      FrameError("frame starting from following row cannot have preceding rows", end_position);
    }
  } else {
    const int start_position = Peek().position;
    window.frame_start = ParseFrameBound();
    window.frame_end.type = Bound::kCurrentRow;
    if (window.frame_start.type == Bound::kUnboundedFollowing) {
      FrameError("frame start cannot be UNBOUNDED FOLLOWING", start_position);
    }
    if (window.frame_start.type == Bound::kFollowing) {
      FrameError("frame starting from following row cannot end with current row", start_position);
    }
  }
  if (AcceptWord("exclude")) {
    if (AcceptWord("current")) {
      ExpectWord("row");
      window.exclusion = ast::WindowDef::Exclusion::kCurrentRow;
    } else if (AcceptWord("group")) {
      window.exclusion = ast::WindowDef::Exclusion::kGroup;
    } else if (AcceptWord("ties")) {
      window.exclusion = ast::WindowDef::Exclusion::kTies;
    } else {
      ExpectWord("no");
      ExpectWord("others");
    }
  }
}

void Parser::ParseWindowClause(ast::SelectStmt& select) {
  ExpectWord("window");
  do {
    std::string window_name = ParseColId();
    ExpectWord("as");
    auto window = ParseWindowSpecification();
    window->name = std::move(window_name);
    select.windows.push_back(std::move(window));
  } while (AcceptOp(","));
}

}  // namespace basalt::sql
