#include "tests/isolation/runner.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace basalt::isolation {

namespace {

using Clock = std::chrono::steady_clock;

std::string Field(const PGresult* res, int code) {
  const char* value = PQresultErrorField(res, code);
  return value == nullptr ? std::string() : std::string(value);
}

// "ERROR:  40001: could not serialize access ..." (psql's VERBOSITY verbose
// layout). Detail and hint are left out: they differ between servers in
// ways users do not act on (PostgreSQL's reason codes, transaction ids).
std::string FormatMessage(const PGresult* res) {
  std::string severity = Field(res, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity.empty()) severity = Field(res, PG_DIAG_SEVERITY);
  const std::string message = Field(res, PG_DIAG_MESSAGE_PRIMARY);
  if (severity.empty() || message.empty()) {
    std::string text = PQresultErrorMessage(res);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  }
  return severity + ":  " + Field(res, PG_DIAG_SQLSTATE) + ": " + message;
}

// Rows as a small left-aligned table, NULL as <NULL>, then "(n rows)".
std::string FormatRows(const PGresult* res) {
  const int columns = PQnfields(res);
  const int rows = PQntuples(res);
  std::vector<std::vector<std::string>> cells(static_cast<size_t>(rows) + 1);
  for (int c = 0; c < columns; ++c) cells[0].emplace_back(PQfname(res, c));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      cells[r + 1].push_back(PQgetisnull(res, r, c) != 0 ? "<NULL>" : PQgetvalue(res, r, c));
    }
  }
  std::vector<size_t> width(static_cast<size_t>(columns), 0);
  for (const auto& line : cells) {
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  }
  std::string out;
  auto add_line = [&](const std::vector<std::string>& line) {
    for (size_t c = 0; c < line.size(); ++c) {
      if (c > 0) out += '|';
      out += line[c];
      if (c + 1 < line.size()) out.append(width[c] - line[c].size(), ' ');
    }
    out += '\n';
  };
  add_line(cells[0]);
  std::vector<std::string> rule;
  for (size_t w : width) rule.emplace_back(std::max<size_t>(w, 1), '-');
  add_line(rule);
  for (size_t r = 1; r < cells.size(); ++r) add_line(cells[r]);
  out += "(" + std::to_string(rows) + (rows == 1 ? " row)\n" : " rows)\n");
  return out;
}

// One libpq connection running at most one step (or setup/teardown block) at
// a time, asynchronously. What the server answers is formatted as it
// arrives, notices in their place among the results.
class Connection {
 public:
  Connection(const std::string& conninfo, std::string name)
      : name_(std::move(name)), conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string error = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("cannot connect (" + conninfo + "): " + error);
    }
    PQsetNoticeReceiver(conn_, &Connection::OnNotice, this);
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& name() const { return name_; }
  // A query was sent and its output has not been taken yet.
  bool active() const { return active_; }
  // A query was sent and not all of its results are in.
  bool busy() const { return active_ && !finished_; }
  const Step* step() const { return step_; }
  int socket() const { return PQsocket(conn_); }
  int pid() const { return PQbackendPID(conn_); }

  // Whether the session with backend `pid` waits for a lock another session
  // holds (pg_blocking_pids), asked on this idle connection.
  bool Blocks(int pid) {
    const std::string sql = "SELECT cardinality(pg_blocking_pids(" + std::to_string(pid) + "))";
    PGresult* res = PQexec(conn_, sql.c_str());
    const bool blocked = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
                         std::string(PQgetvalue(res, 0, 0)) != "0";
    PQclear(res);
    return blocked;
  }

  // `verbose`: print command tags and notices too (steps); setup and
  // teardown blocks print only rows and errors.
  void Send(const std::string& sql, const Step* step, bool verbose) {
    active_ = true;
    finished_ = false;
    step_ = step;
    verbose_ = verbose;
    output_.clear();
    failed_ = false;
    if (PQsendQuery(conn_, sql.c_str()) == 0) Broken("cannot send");
  }

  // Reads whatever has arrived; returns true once the query is finished.
  bool Poll() {
    if (!busy()) return true;
    if (PQconsumeInput(conn_) == 0) {
      Broken("connection lost");
      return true;
    }
    while (PQisBusy(conn_) == 0) {
      PGresult* res = PQgetResult(conn_);
      if (res == nullptr) {
        finished_ = true;
        return true;
      }
      AddResult(res);
      PQclear(res);
    }
    return false;
  }

  // Sends a cancel request for the running query.
  void Cancel() {
    if (PGcancel* cancel = PQgetCancel(conn_)) {
      std::array<char, 256> error{};
      PQcancel(cancel, error.data(), static_cast<int>(error.size()));
      PQfreeCancel(cancel);
    }
  }

  // The formatted output of the finished query; the connection is idle after.
  std::string TakeOutput() {
    active_ = false;
    step_ = nullptr;
    return std::move(output_);
  }
  // Whether the query taken last had an error result.
  bool failed() const { return failed_; }

 private:
  static void OnNotice(void* self, const PGresult* res) {
    auto* connection = static_cast<Connection*>(self);
    if (connection->active_ && connection->verbose_) {
      connection->output_ += FormatMessage(res) + "\n";
    }
  }

  void AddResult(const PGresult* res) {
    switch (PQresultStatus(res)) {
      case PGRES_TUPLES_OK: output_ += FormatRows(res); break;
      case PGRES_COMMAND_OK:
        if (verbose_) output_ += std::string(PQcmdStatus(const_cast<PGresult*>(res))) + "\n";
        break;
      case PGRES_EMPTY_QUERY: output_ += "(empty query)\n"; break;
      case PGRES_FATAL_ERROR:
        failed_ = true;
        output_ += FormatMessage(res) + "\n";
        break;
      default:
        failed_ = true;
        output_ +=
            std::string("unexpected result status ") + PQresStatus(PQresultStatus(res)) + "\n";
    }
  }

  void Broken(const std::string& what) {
    failed_ = true;
    finished_ = true;
    std::string error = PQerrorMessage(conn_);
    while (!error.empty() && error.back() == '\n') error.pop_back();
    output_ += what + ": " + error + "\n";
  }

  std::string name_;
  PGconn* conn_;
  bool active_ = false;
  bool finished_ = false;
  bool verbose_ = false;
  bool failed_ = false;
  const Step* step_ = nullptr;
  std::string output_;
};

// Reads from every busy connection until `done()` holds or `deadline` passes;
// returns done().
bool WaitUntil(const std::vector<Connection*>& connections, Clock::time_point deadline,
               const std::function<bool()>& done) {
  while (true) {
    for (Connection* c : connections) c->Poll();
    if (done()) return true;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    std::vector<pollfd> fds;
    for (Connection* c : connections) {
      if (c->busy()) fds.push_back(pollfd{c->socket(), POLLIN, 0});
    }
    if (fds.empty()) return done();
    // Wake at least every 10 ms: libpq may hold input it already read.
    ::poll(fds.data(), fds.size(), static_cast<int>(std::min<int64_t>(left.count(), 10)));
  }
}

// A session's step went on running after a cancel: the permutation cannot
// go on (its connection is closed with the others, which ends it server-side).
struct Unresponsive {
  std::string session;
};

// One run of one permutation; prints into `out`.
class PermutationRun {
 public:
  PermutationRun(const Spec& spec, const std::string& conninfo, Connection& control,
                 std::ostringstream& out)
      : spec_(spec), conninfo_(conninfo), control_(control), out_(out) {}

  void Run(const std::vector<std::string>& step_names) {
    out_ << "\nstarting permutation:";
    for (const std::string& name : step_names) out_ << " " << name;
    out_ << "\n";
    bool ok = true;
    for (const std::string& sql : spec_.setup) ok = ok && RunBlock(control_, sql, "setup");
    if (ok) {
      for (const Session& session : spec_.sessions) {
        sessions_.push_back(std::make_unique<Connection>(conninfo_, session.name));
        for (const std::string& sql : session.setup) {
          ok = ok && RunBlock(*sessions_.back(), sql, "setup of session " + session.name);
        }
      }
    }
    if (ok) {
      try {
        for (const std::string& name : step_names) RunStep(*spec_.FindStep(name));
        FinishAll();
        for (size_t i = 0; i < sessions_.size(); ++i) {
          for (const std::string& sql : spec_.sessions[i].teardown) {
            RunBlock(*sessions_[i], sql, "teardown of session " + spec_.sessions[i].name);
          }
        }
      } catch (const Unresponsive& e) {
        out_ << "session " << e.session << " did not answer a cancel within "
             << kStepTimeout.count() << " s; the permutation stops here\n";
      }
    }
    sessions_.clear();  // closing them ends any transaction still open
    for (const std::string& sql : spec_.teardown) RunBlock(control_, sql, "teardown");
  }

 private:
  std::vector<Connection*> All() const {
    std::vector<Connection*> all;
    for (const auto& c : sessions_) all.push_back(c.get());
    return all;
  }

  // Runs a setup or teardown block to completion; prints its rows, and
  // its error as "<what> failed: ...". Returns false on an error.
  bool RunBlock(Connection& connection, const std::string& sql, const std::string& what) {
    connection.Send(sql, nullptr, /*verbose=*/false);
    if (!WaitUntil({&connection}, Clock::now() + kStepTimeout,
                   [&] { return !connection.busy(); })) {
      connection.Cancel();
      WaitUntil({&connection}, Clock::now() + kStepTimeout, [&] { return !connection.busy(); });
      out_ << what << " timed out after " << kStepTimeout.count() << " s\n";
    }
    if (connection.busy()) throw std::runtime_error(what + " did not answer a cancel");
    const std::string output = connection.TakeOutput();
    if (connection.failed()) {
      out_ << what << " failed: " << output;
      return false;
    }
    out_ << output;
    return true;
  }

  void RunStep(const Step& step) {
    Connection& connection = *sessions_[step.session];
    if (connection.active()) {
      // The session is still waiting in an earlier step: it must finish first.
      FinishWaiting(connection);
      Settle(Clock::now() + kBlockWait);
    }
    connection.Send(step.sql, &step, /*verbose=*/true);
    if (WaitDoneOrBlocked(connection)) {
      out_ << "step " << step.name << ": " << step.sql << "\n" << connection.TakeOutput();
      // It may have unblocked steps waiting in other sessions.
      Settle(Clock::now() + kBlockWait);
    } else {
      out_ << "step " << step.name << ": " << step.sql << " <waiting ...>\n";
      Settle(Clock::now());
    }
  }

  // Waits for the waiting step of `connection` (canceling it if it runs past
  // kStepTimeout) and prints its completion.
  void FinishWaiting(Connection& connection) {
    const auto is_done = [&] { return !connection.busy(); };
    if (!WaitUntil(All(), Clock::now() + kStepTimeout, is_done)) {
      out_ << "step " << connection.step()->name << ": <... still waiting after "
           << kStepTimeout.count() << " s; canceled>\n";
      connection.Cancel();
      if (!WaitUntil(All(), Clock::now() + kStepTimeout, is_done)) {
        throw Unresponsive{connection.name()};
      }
    }
    PrintCompletion(connection);
  }

  // Waits until the step running on `connection` finishes (true) or waits
  // for another session's lock (false). A step still running after
  // kBlockWait counts as waiting only if pg_blocking_pids says it is
  // blocked, as PostgreSQL's isolationtester decides: a step that is merely
  // slow (a COMMIT's fsync on a loaded machine, pg_sleep) is waited for, up
  // to kStepTimeout.
  bool WaitDoneOrBlocked(Connection& connection) {
    const auto start = Clock::now();
    const auto is_done = [&] { return !connection.busy(); };
    if (WaitUntil(All(), start + kBlockWait, is_done)) return true;
    while (!control_.Blocks(connection.pid())) {
      if (Clock::now() - start >= kStepTimeout) return false;
      if (WaitUntil(All(), Clock::now() + std::chrono::milliseconds(20), is_done)) return true;
    }
    return false;
  }

  // Gives the steps waiting in any session until `deadline` to finish, then
  // until each left is done or blocked again, and prints those that
  // finished, in session order.
  void Settle(Clock::time_point deadline) {
    const std::vector<Connection*> all = All();
    WaitUntil(all, deadline, [&] {
      return std::none_of(all.begin(), all.end(), [](Connection* c) { return c->busy(); });
    });
    for (Connection* c : all) {
      if (c->busy() && !control_.Blocks(c->pid())) WaitDoneOrBlocked(*c);
    }
    for (Connection* c : all) {
      if (c->active() && !c->busy()) PrintCompletion(*c);
    }
  }

  // At the end of the permutation, every waiting step must finish.
  void FinishAll() {
    for (const auto& connection : sessions_) {
      if (connection->active()) {
        FinishWaiting(*connection);
        Settle(Clock::now() + kBlockWait);
      }
    }
  }

  void PrintCompletion(Connection& connection) {
    out_ << "step " << connection.step()->name << ": <... completed>\n" << connection.TakeOutput();
  }

  const Spec& spec_;
  const std::string& conninfo_;
  Connection& control_;
  std::ostringstream& out_;
  std::vector<std::unique_ptr<Connection>> sessions_;
};

}  // namespace

std::string RunSpec(const Spec& spec, const std::string& conninfo) {
  std::ostringstream out;
  out << "Parsed test spec with " << spec.sessions.size()
      << (spec.sessions.size() == 1 ? " session\n" : " sessions\n");
  Connection control(conninfo, "control");
  for (const std::vector<std::string>& permutation : spec.permutations) {
    PermutationRun(spec, conninfo, control, out).Run(permutation);
  }
  return out.str();
}

Spec LoadSpec(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  try {
    return ParseSpec(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

std::filesystem::path ExpectedPath(const std::filesystem::path& spec_path) {
  return spec_path.parent_path().parent_path() / "expected" / (spec_path.stem().string() + ".out");
}

std::string Diff(const std::filesystem::path& expected, const std::string& actual) {
  std::string actual_path =
      (std::filesystem::temp_directory_path() / "isolation-actual-XXXXXX").string();
  const int fd = mkstemp(actual_path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  {
    std::ofstream file(actual_path);
    file << actual;
  }
  const std::string command = "diff -u --label expected --label actual '" + expected.string() +
                              "' '" + actual_path + "' 2>&1";
  std::string diff;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) diff.append(buffer.data(), n);
    const int status = pclose(pipe);
    if (status == 0)
      diff.clear();
    else if (diff.empty())
      diff = "diff failed\n";
  } else {
    diff = "cannot run diff\n";
  }
  std::filesystem::remove(actual_path);
  return diff;
}

}  // namespace basalt::isolation
