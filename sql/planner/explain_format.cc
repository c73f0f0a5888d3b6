// EXPLAIN's two formats, as PostgreSQL prints them. TEXT: a node per line,
// children under "->  " arrows 6 columns deeper, detail lines 2 columns
// past the node's name (an InitPlan's name is one, its node 2 deeper),
// then the summary lines. JSON: one array holding an
// object with "Plan" (each node's members in PostgreSQL's order, children
// in "Plans"), then "Planning Time", "Triggers" and "Execution Time",
// indented by two spaces a level.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/planner/explain.h"

namespace basalt::sql {

namespace {

using Options = ExplainOptions;

double PerLoop(double total, uint64_t loops) {
  return loops == 0 ? 0 : total / static_cast<double>(loops);
}

// `name_column`: where the node's name starts, after its arrow.
void Text(const ExplainNode& node, const Options& options, size_t name_column, std::string* out) {
  CheckStackDepth();
  if (name_column > 0) *out += std::string(name_column - 4, ' ') + "->  ";
  *out += node.label;
  if (options.costs) {
    *out += fmt::format("  (cost={:.2f}..{:.2f} rows={:.0f} width={})", node.startup_cost,
                        node.total_cost, node.plan_rows, node.plan_width);
  }
  if (options.analyze) {
    const NodeActuals* a = node.actuals;
    if (a == nullptr) {
      *out += " (never executed)";
    } else if (options.timing) {
      *out += fmt::format(" (actual time={:.3f}..{:.3f} rows={:.0f} loops={})",
                          PerLoop(a->startup_ms, a->loops), PerLoop(a->total_ms, a->loops),
                          PerLoop(static_cast<double>(a->rows), a->loops), a->loops);
    } else {
      *out += fmt::format(" (actual rows={:.0f} loops={})",
                          PerLoop(static_cast<double>(a->rows), a->loops), a->loops);
    }
  }
  *out += '\n';
  for (const ExplainDetail& d : node.details) {
    if (!d.text.empty()) *out += std::string(name_column + 2, ' ') + d.text + '\n';
  }
  for (const ExplainNode& child : node.children) {
    if (child.subplan_name.empty()) {
      Text(child, options, name_column + 6, out);
    } else {
      *out += std::string(name_column + 2, ' ') + child.subplan_name + '\n';
      Text(child, options, name_column + 8, out);
    }
  }
}

// Writes an object's members, one per line at `indent`, with the commas
// between them.
class JsonMembers {
 public:
  JsonMembers(std::string* out, size_t indent) : out_(out), indent_(indent) {}
  void Add(const std::string& key, const std::string& json) {
    Start(key);
    *out_ += json;
  }
  // The key of a member whose value the caller writes next.
  void Start(const std::string& key) {
    if (!first_) *out_ += ",\n";
    first_ = false;
    *out_ += std::string(indent_, ' ') + JsonString(key) + ": ";
  }
  void End() { *out_ += '\n'; }

 private:
  std::string* out_;
  size_t indent_;
  bool first_ = true;
};

void Json(const ExplainNode& node, const Options& options, size_t indent, std::string* out) {
  CheckStackDepth();
  // `indent` is where the node's braces go; its members sit 2 deeper.
  *out += "{\n";
  JsonMembers m(out, indent + 2);
  m.Add("Node Type", JsonString(node.node_type));
  for (const auto& [key, value] : node.before) m.Add(key, value);
  if (!node.parent_relationship.empty()) {
    m.Add("Parent Relationship", JsonString(node.parent_relationship));
  }
  if (!node.subplan_name.empty()) m.Add("Subplan Name", JsonString(node.subplan_name));
  m.Add("Parallel Aware", "false");
  m.Add("Async Capable", "false");
  for (const auto& [key, value] : node.after) m.Add(key, value);
  if (options.costs) {
    m.Add("Startup Cost", fmt::format("{:.2f}", node.startup_cost));
    m.Add("Total Cost", fmt::format("{:.2f}", node.total_cost));
    m.Add("Plan Rows", fmt::format("{:.0f}", node.plan_rows));
    m.Add("Plan Width", std::to_string(node.plan_width));
  }
  if (options.analyze) {
    // Never executed: zeros, as PostgreSQL.
    const NodeActuals none;
    const NodeActuals& a = node.actuals != nullptr ? *node.actuals : none;
    if (options.timing) {
      m.Add("Actual Startup Time", fmt::format("{:.3f}", PerLoop(a.startup_ms, a.loops)));
      m.Add("Actual Total Time", fmt::format("{:.3f}", PerLoop(a.total_ms, a.loops)));
    }
    m.Add("Actual Rows", fmt::format("{:.0f}", PerLoop(static_cast<double>(a.rows), a.loops)));
    m.Add("Actual Loops", std::to_string(a.loops));
  }
  for (const ExplainDetail& d : node.details) {
    for (const auto& [key, value] : d.json) m.Add(key, value);
  }
  if (!node.children.empty()) {
    m.Start("Plans");
    *out += "[\n";
    for (size_t i = 0; i < node.children.size(); ++i) {
      if (i > 0) *out += ",\n";
      *out += std::string(indent + 4, ' ');
      Json(node.children[i], options, indent + 4, out);
    }
    *out += '\n' + std::string(indent + 2, ' ') + "]";
  }
  m.End();
  *out += std::string(indent, ' ') + "}";
}

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string FormatExplain(const ExplainNode& root, const ExplainOptions& options,
                          double planning_ms, double execution_ms) {
  std::string out;
  if (options.format == Options::Format::kText) {
    Text(root, options, 0, &out);
    if (planning_ms >= 0) out += fmt::format("Planning Time: {:.3f} ms\n", planning_ms);
    if (execution_ms >= 0) out += fmt::format("Execution Time: {:.3f} ms\n", execution_ms);
    return out;
  }
  out = "[\n  {\n";
  JsonMembers m(&out, 4);
  m.Start("Plan");
  Json(root, options, 4, &out);
  if (planning_ms >= 0) m.Add("Planning Time", fmt::format("{:.3f}", planning_ms));
  if (options.analyze) {
    m.Start("Triggers");
    out += "[\n    ]";
  }
  if (execution_ms >= 0) m.Add("Execution Time", fmt::format("{:.3f}", execution_ms));
  m.End();
  out += "  }\n]";
  return out;
}

}  // namespace basalt::sql
