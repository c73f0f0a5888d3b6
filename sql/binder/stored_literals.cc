#include "sql/binder/stored_literals.h"

#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/parser/lexer.h"

namespace basalt::sql {
namespace {

bool ReadsWithDateStyle(const DataType& type) {
  const TypeId id = type.IsArray() ? *type.ElementType() : type.id;
  return id == TypeId::kDate || id == TypeId::kTime || id == TypeId::kTimeTz ||
         id == TypeId::kTimestamp || id == TypeId::kTimestampTz || id == TypeId::kInterval;
}

class LiteralCollector {
 public:
  ast::LiteralTexts texts;

  void Select(const BoundSelect& q) {
    CheckStackDepth();
    if (q.from != nullptr) Ref(*q.from);
    for (const auto& row : q.values) Exprs(row);
    if (q.set_operation != nullptr) {
      Select(*q.set_operation->left);
      Select(*q.set_operation->right);
    }
    for (const BoundExprPtr* e : {&q.where, &q.having, &q.limit, &q.offset}) Expr(e->get());
    for (const auto* list :
         {&q.group_by, &q.aggregates, &q.windows, &q.window_clause, &q.distinct, &q.targets}) {
      Exprs(*list);
    }
    for (const BoundCte& cte : q.ctes) Select(*cte.query);
    for (const BoundOrderBy& key : q.order_by) Expr(key.expr.get());
  }

  void Expr(const BoundExpr* e) {
    if (e == nullptr) return;
    CheckStackDepth();
    if (e->kind == BoundExprKind::kConstant && e->position > 0 && !e->value.is_null() &&
        ReadsWithDateStyle(e->type)) {
      texts[e->position] = ValueToText(e->value, e->type);
    }
    Exprs(e->children);
    if (e->subquery != nullptr) {
      Select(*e->subquery->select);
      Expr(e->subquery->test.get());
    }
  }

 private:
  void Exprs(const std::vector<BoundExprPtr>& list) {
    for (const BoundExprPtr& e : list) Expr(e.get());
  }

  void Ref(const BoundTableRef& r) {
    CheckStackDepth();
    // A view's expansion was bound from the view's own stored text.
    if (r.subquery != nullptr && r.view == nullptr) Select(*r.subquery);
    if (r.left != nullptr) Ref(*r.left);
    if (r.right != nullptr) Ref(*r.right);
    Expr(r.condition.get());
    Exprs(r.arguments);
    Exprs(r.lateral_values);
    for (const auto& item : r.lockstep) Ref(*item);
  }
};

std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

ast::LiteralTexts DateTimeLiteralTexts(const BoundSelect& query) {
  ScopedStoredTextFormats formats;
  LiteralCollector collector;
  collector.Select(query);
  return std::move(collector.texts);
}

ast::LiteralTexts DateTimeLiteralTexts(const BoundExpr& expr) {
  ScopedStoredTextFormats formats;
  LiteralCollector collector;
  collector.Expr(&expr);
  return std::move(collector.texts);
}

std::string WithLiteralTexts(std::string_view text, int first_position,
                             const ast::LiteralTexts& literals) {
  if (literals.empty()) return std::string(text);
  std::string out;
  size_t copied = 0;
  // `date '...'`: the literal's position is the type name's; its string
  // follows the name's words, numbers and parentheses.
  const std::string* pending = nullptr;
  for (const Token& token : Tokenize(text)) {
    const auto found = literals.find(first_position - 1 + token.position);
    const std::string* replacement = found != literals.end() ? &found->second : pending;
    if (token.type == TokenType::kString && replacement != nullptr) {
      out.append(text.substr(copied, static_cast<size_t>(token.begin) - copied));
      out += Quoted(*replacement);
      copied = static_cast<size_t>(token.end);
      pending = nullptr;
      continue;
    }
    const bool in_type_name = token.type == TokenType::kIdentifier ||
                              token.type == TokenType::kInteger || token.IsOp("(") ||
                              token.IsOp(")");
    pending = in_type_name ? replacement : nullptr;
  }
  out.append(text.substr(copied));
  return out;
}

ScopedStoredTextFormats::ScopedStoredTextFormats() : scope_(StoredFormats()) {}

SessionFormats ScopedStoredTextFormats::StoredFormats() {
  SessionFormats formats = CurrentSessionFormats();
  formats.date_style = DateStyle::kIso;
  formats.date_order = DateOrder::kMdy;
  formats.interval_style = IntervalStyle::kPostgres;
  return formats;
}

}  // namespace basalt::sql
