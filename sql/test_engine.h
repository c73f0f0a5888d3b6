// For sql/ tests: an Engine with one session over a store in a temporary
// directory, and a ResultSink that keeps what a statement sends, rows as text.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/test_temp_dir.h"
#include "common/value_text.h"
#include "sql/engine.h"
#include "storage/kv_store.h"

namespace basalt::sql {

// Collects everything a statement sends, rows as text.
struct CollectingSink : ResultSink {
  std::vector<std::vector<ResultColumn>> results;
  std::vector<std::vector<std::string>> rows;  // text, "NULL" for null
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> notices;
  std::vector<std::pair<std::string, std::string>> parameters;
  int empty = 0;

  void BeginResult(const std::vector<ResultColumn>& columns) override {
    results.push_back(columns);
  }
  void Rows(std::span<const Row> batch) override {
    for (const Row& row : batch) {
      std::vector<std::string> text;
      for (size_t i = 0; i < row.size(); ++i) {
        text.push_back(row[i].is_null() ? "NULL" : ValueToText(row[i], results.back()[i].type));
      }
      rows.push_back(std::move(text));
    }
  }
  void CommandComplete(std::string_view tag) override { tags.emplace_back(tag); }
  void EmptyQuery() override { ++empty; }
  void ParameterStatus(std::string_view name, std::string_view value) override {
    parameters.emplace_back(name, value);
  }
  void Notice(sqlstate::Code code, std::string_view message) override {
    notices.emplace_back(code, message);
  }
  void Warning(sqlstate::Code code, std::string_view message) override {
    notices.emplace_back(code, message);
  }
};

using Rows = std::vector<std::vector<std::string>>;

// Members are destroyed bottom-up: the session before the engine before the
// store before its directory.
struct TestEngine {
  TestTempDir dir;
  std::unique_ptr<storage::KvStore> store;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Session> session;

  TestEngine() { Open(); }
  void Open() {
    storage::StoreOptions options;
    options.data_dir = dir.path() / "data";
    options.sync_commits = false;
    auto s = storage::KvStore::Open(options);
    REQUIRE(s.ok());
    store = std::move(s).value();
    auto e = Engine::Open(*store);
    REQUIRE(e.ok());
    engine = std::move(e).value();
    session = Connect();
  }
  void Reopen() {
    session.reset();
    engine.reset();
    store.reset();
    Open();
  }
  std::unique_ptr<Session> Connect() {
    auto s = engine->Connect("basalt", "basalt", {});
    REQUIRE(s.ok());
    return std::move(s).value();
  }

  CollectingSink Run(std::string_view sql, Session* on = nullptr) {
    CollectingSink sink;
    (on != nullptr ? *on : *session).ExecuteSimpleQuery(sql, sink);
    return sink;
  }
  // The error a statement fails with.
  Error Fail(std::string_view sql, Session* on = nullptr) {
    CollectingSink sink;
    try {
      (on != nullptr ? *on : *session).ExecuteSimpleQuery(sql, sink);
    } catch (const Error& e) {
      return e;
    }
    FAIL("expected an error from: " << sql);
    return Error(sqlstate::kInternalError, "unreachable");
  }
};

}  // namespace basalt::sql
