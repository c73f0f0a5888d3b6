// pg_get_viewdef's WITH clause and the FROM items that read its queries,
// as ruleutils' get_with_clause prints them: each query on lines of its
// own, indented one level inside `name AS (` and `)`. A query level's CTEs
// are visible (Printer::ctes_) from the start of its printing (Query).
#include "sql/binder/deparse_printer.h"

namespace basalt::sql::deparse_detail {

void Printer::With(const BoundSelect& q, std::string& out) {
  if (q.ctes.empty()) return;
  indent_ += kIndentStd;
  out += ' ';
  const char* separator = q.with_recursive ? "WITH RECURSIVE " : "WITH ";
  for (const BoundCte& cte : q.ctes) {
    out += separator;
    separator = ", ";
    out += Quote(cte.name);
    if (!cte.columns.empty()) {
      out += '(';
      for (size_t c = 0; c < cte.columns.size(); ++c) {
        out += (c > 0 ? ", " : "") + Quote(cte.columns[c]);
      }
      out += ')';
    }
    out += " AS ";
    if (cte.materialized == BoundCte::Materialized::kYes) out += "MATERIALIZED ";
    if (cte.materialized == BoundCte::Materialized::kNo) out += "NOT MATERIALIZED ";
    out += '(';
    Keyword(out, "", 0, 0, 0);
    Query(*cte.query, nullptr, true, *outer_, indent_, out);
    Keyword(out, "", 0, 0, 0);
    out += ')';
  }
  indent_ -= kIndentStd;
  Keyword(out, "", 0, 0, 0);
}

const BoundCte* Printer::VisibleCte(const std::string& name) const {
  for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
    if ((*it)->name == name) return *it;
  }
  return nullptr;
}

void Printer::CteReference(const BoundTableRef& ref, std::string& out) {
  const BoundCte& cte = *VisibleCte(ref.cte_name);
  out += Quote(cte.name);
  const std::string& refname = refnames_.at(&ref);
  if (refname != cte.name) out += " " + Quote(refname);
  bool renamed = false;
  for (size_t c = 0; c < ref.column_names.size(); ++c) {
    const std::string& own = c < cte.columns.size() ? cte.columns[c] : cte.query->columns[c].name;
    renamed = renamed || ref.column_names[c] != own;
  }
  if (!renamed) return;
  if (refname == cte.name) out += " " + Quote(refname);
  out += '(';
  for (size_t c = 0; c < ref.column_names.size(); ++c) {
    out += (c > 0 ? ", " : "") + Quote(ref.column_names[c]);
  }
  out += ')';
}

}  // namespace basalt::sql::deparse_detail
