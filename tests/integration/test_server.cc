#include "tests/integration/test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace basalt::testing {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

std::string HexKey() {
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (int i = 0; i < 64; ++i) key.push_back(kHex[rd() % 16]);
  return key;
}

fs::path MakeTempDir() {
  std::string pattern = (fs::temp_directory_path() / "basalt-it-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// fork + exec BASALT_BINARY with stdout and stderr going to `log`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<char*> argv;
  std::string binary = BASALT_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// waitpid with a deadline; returns the exit code, 128 + signal when killed,
// or nullopt on timeout.
std::optional<int> WaitFor(pid_t pid, milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    if (r < 0) return -1;
    if (steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(milliseconds(20));
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

// --- results ---------------------------------------------------------------

std::string QueryResult::Cell(size_t row, size_t column) const {
  if (row >= rows.size() || column >= rows[row].size()) return "<out of range>";
  return rows[row][column].value_or("NULL");
}

QueryResult ToQueryResult(const PGresult* res) {
  QueryResult out;
  if (res == nullptr) return out;
  out.status = PQresultStatus(res);
  if (const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE)) out.sqlstate = state;
  if (const char* message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
    out.error_message = message;
  }
  out.command_tag = PQcmdStatus(const_cast<PGresult*>(res));
  for (int c = 0; c < PQnfields(res); ++c) out.columns.emplace_back(PQfname(res, c));
  for (int r = 0; r < PQntuples(res); ++r) {
    std::vector<std::optional<std::string>> row;
    for (int c = 0; c < PQnfields(res); ++c) {
      if (PQgetisnull(res, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

QueryResult Query(PGconn* conn, std::string_view sql) {
  PgResult res(PQexec(conn, std::string(sql).c_str()));
  QueryResult out = ToQueryResult(res.get());
  if (res == nullptr) out.error_message = PQerrorMessage(conn);
  return out;
}

std::vector<QueryResult> QueryAll(PGconn* conn, std::string_view sql) {
  std::vector<QueryResult> results;
  if (!PQsendQuery(conn, std::string(sql).c_str())) {
    QueryResult failed;
    failed.error_message = PQerrorMessage(conn);
    results.push_back(failed);
    return results;
  }
  while (PGresult* res = PQgetResult(conn)) {
    results.push_back(ToQueryResult(res));
    PQclear(res);
  }
  return results;
}

// --- the server process ------------------------------------------------------

TestServer::TestServer(std::string config)
    : dir_(MakeTempDir()), config_(std::move(config)), port_(FreePort()) {
  WriteKeyFile(key_file(), fs::perms::owner_read | fs::perms::owner_write);
  if (!config_.empty()) std::ofstream(dir_ / "basalt.conf") << config_ << "\n";
  Start();
}

TestServer::~TestServer() {
  if (running()) Stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void TestServer::Start() {
  if (running()) return;
  std::vector<std::string> args = {"--listen",    "127.0.0.1",
                                   "--port",      std::to_string(port_),
                                   "--data-dir",  data_dir().string(),
                                   "--key-file",  key_file().string(),
                                   "--log-level", "debug"};
  if (!config_.empty()) {
    args.push_back("--config");
    args.push_back((dir_ / "basalt.conf").string());
  }
  pid_ = Spawn(args, log_file());
  const std::string conninfo = ConnInfo("connect_timeout=2");
  const auto deadline = steady_clock::now() + std::chrono::seconds(30);
  while (PQping(conninfo.c_str()) != PQPING_OK) {
    if (auto code = WaitFor(pid_, milliseconds(50))) {
      pid_ = -1;
      throw std::runtime_error("basalt exited with code " + std::to_string(*code) +
                               " during start-up; log:\n" + ReadLog());
    }
    if (steady_clock::now() > deadline) {
      Stop(SIGKILL);
      throw std::runtime_error("basalt did not accept connections within 30 s; log:\n" + ReadLog());
    }
  }
}

int TestServer::Stop(int signal) {
  if (!running()) return -1;
  kill(pid_, signal);
  std::optional<int> code = WaitFor(pid_, std::chrono::seconds(30));
  if (!code) {
    kill(pid_, SIGKILL);
    code = WaitFor(pid_, std::chrono::seconds(10));
    UNSCOPED_INFO("basalt did not exit within 30 s of signal " << signal);
    pid_ = -1;
    CheckLogForSanitizerReports();
    return -1;
  }
  pid_ = -1;
  CheckLogForSanitizerReports();
  return *code;
}

void TestServer::CheckLogForSanitizerReports() {
  const std::string log = ReadLog();
  if (log.size() <= log_checked_) return;
  const std::string_view fresh = std::string_view(log).substr(log_checked_);
  log_checked_ = log.size();
  for (std::string_view marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                  "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer"}) {
    if (fresh.find(marker) != std::string_view::npos) {
      FAIL_CHECK("sanitizer report in the server log:\n" << fresh);
      return;
    }
  }
}

void TestServer::Restart() {
  Stop();
  Start();
}

std::string TestServer::ConnInfo(std::string_view extra) const {
  std::string info =
      "host=127.0.0.1 port=" + std::to_string(port_) + " user=basalt dbname=basalt sslmode=disable";
  if (!extra.empty()) info += " " + std::string(extra);
  return info;
}

PgConn TestServer::TryConnect(std::string_view extra) const {
  return PgConn(PQconnectdb(ConnInfo(extra).c_str()));
}

PgConn TestServer::Connect(std::string_view extra) const {
  PgConn conn = TryConnect(extra);
  INFO("connection error: " << PQerrorMessage(conn.get()));
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  return conn;
}

TestTarget::TestTarget() {
  const char* reference = std::getenv("BASALT_REFERENCE_CONNINFO");
  if (reference != nullptr && *reference != '\0') {
    reference_ = reference;
  } else {
    server_.emplace();
  }
}

PgConn TestTarget::TryConnect() const {
  PgConn conn = server_ ? server_->TryConnect() : PgConn(PQconnectdb(reference_.c_str()));
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

PgConn TestTarget::Connect() const {
  PgConn conn = TryConnect();
  INFO("connection error: " << PQerrorMessage(conn.get()));
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  return conn;
}

std::string TestServer::ReadLog() const {
  return ReadFile(log_file());
}

ProcessResult RunBasalt(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  const fs::path dir = MakeTempDir();
  const fs::path log = dir / "output.log";
  const pid_t pid = Spawn(args, log);
  std::optional<int> code = WaitFor(pid, timeout);
  if (!code) {
    kill(pid, SIGKILL);
    (void)WaitFor(pid, std::chrono::seconds(10));
  }
  ProcessResult result{code.value_or(-1), ReadFile(log)};
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return result;
}

void WriteKeyFile(const fs::path& path, fs::perms mode) {
  {
    std::ofstream out(path);
    out << HexKey() << "\n";
  }
  fs::permissions(path, mode, fs::perm_options::replace);
}

namespace {

// Binds `port` (0: any) on loopback; the port bound, or 0 if it was taken.
uint16_t BindPort(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return 0;
  }
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

uint16_t FreePort() {
  // BASALT_TEST_PORTS=first-last: machines where each user has a port
  // range. Successive calls go round the range (a server may still hold the
  // port the last call returned).
  if (const char* range = std::getenv("BASALT_TEST_PORTS")) {
    unsigned first = 0, last = 0;
    if (std::sscanf(range, "%u-%u", &first, &last) == 2 && first > 0 && first <= last &&
        last <= 65535) {
      static std::atomic<unsigned> next{0};
      const unsigned size = last - first + 1;
      for (unsigned tries = 0; tries < size; ++tries) {
        const unsigned port = first + next.fetch_add(1) % size;
        if (BindPort(static_cast<uint16_t>(port)) != 0) return static_cast<uint16_t>(port);
      }
    }
    throw std::runtime_error("no free port in BASALT_TEST_PORTS");
  }
  const uint16_t port = BindPort(0);
  if (port == 0) throw std::runtime_error("bind to a free port failed");
  return port;
}

// --- raw protocol ----------------------------------------------------------

std::string Int32Bytes(int32_t v) {
  const auto u = static_cast<uint32_t>(v);
  return {static_cast<char>(u >> 24), static_cast<char>((u >> 16) & 0xff),
          static_cast<char>((u >> 8) & 0xff), static_cast<char>(u & 0xff)};
}

std::string MessageBytes(char type, std::string_view payload) {
  return std::string(1, type) + Int32Bytes(static_cast<int32_t>(payload.size() + 4)) +
         std::string(payload);
}

RawConnection::RawConnection(uint16_t port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

void RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may already have closed; reads will tell
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void RawConnection::SendStartup(std::string_view user, std::string_view database) {
  std::string body = Int32Bytes(3 << 16);
  body += "user";
  body.push_back('\0');
  body += user;
  body.push_back('\0');
  body += "database";
  body.push_back('\0');
  body += database;
  body.push_back('\0');
  body.push_back('\0');
  Send(Int32Bytes(static_cast<int32_t>(body.size() + 4)) + body);
}

void RawConnection::SendCancel(int32_t process_id, int32_t secret_key) {
  constexpr int32_t kCancelRequestCode = (1234 << 16) | 5678;
  Send(Int32Bytes(16) + Int32Bytes(kCancelRequestCode) + Int32Bytes(process_id) +
       Int32Bytes(secret_key));
}

bool RawConnection::Fill(size_t bytes, milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  while (buffer_.size() < bytes) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    const ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
  return true;
}

std::optional<char> RawConnection::ReadByte(milliseconds timeout) {
  if (!Fill(1, timeout)) return std::nullopt;
  const char c = buffer_[0];
  buffer_.erase(0, 1);
  return c;
}

std::optional<RawConnection::Message> RawConnection::Read(milliseconds timeout) {
  if (!Fill(5, timeout)) return std::nullopt;
  const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data());
  const uint32_t length =
      (uint32_t{b[1]} << 24) | (uint32_t{b[2]} << 16) | (uint32_t{b[3]} << 8) | uint32_t{b[4]};
  if (length < 4 || !Fill(1 + length, timeout)) return std::nullopt;
  Message m{buffer_[0], buffer_.substr(5, length - 4)};
  buffer_.erase(0, 1 + length);
  return m;
}

std::vector<RawConnection::Message> RawConnection::ReadUntil(char type) {
  std::vector<Message> messages;
  while (auto m = Read()) {
    messages.push_back(*m);
    if (m->type == type) break;
  }
  return messages;
}

bool RawConnection::ClosedByServer(milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  while (steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 50) < 0) return false;
    if (p.revents == 0) continue;
    char chunk[4096];
    const ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return true;  // EOF or reset
  }
  return false;
}

std::string RawConnection::Message::Field(char code) const {
  // Fields: a code byte, a C string; a zero byte ends the list.
  size_t i = 0;
  while (i < payload.size() && payload[i] != '\0') {
    const char field = payload[i++];
    const size_t end = payload.find('\0', i);
    if (end == std::string::npos) break;
    if (field == code) return payload.substr(i, end - i);
    i = end + 1;
  }
  return {};
}

}  // namespace basalt::testing
