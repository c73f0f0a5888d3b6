// Client authentication rules in pg_hba.conf's format: which method
// (trust, reject, password, md5, scram-sha-256) a connection must pass,
// chosen by its type (local, host, hostssl, hostnossl), database, user and
// client address. The first matching line wins. HbaStore holds the rules in
// force and swaps in a re-read file on SIGHUP (a broken file keeps the old
// rules).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace basalt::server {

// A client's IP address (an IPv4-mapped IPv6 address is given as IPv4).
struct ClientAddress {
  enum class Family { kNone, kIpv4, kIpv6 };
  Family family = Family::kNone;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  std::string text;                 // as messages show it: "127.0.0.1"
  int32_t port = -1;                // the client's TCP port
};

enum class HbaMethod { kTrust, kReject, kPassword, kMd5, kScramSha256, kCert };

// hostssl's `clientcert=` option: the client must present a certificate
// the server's ssl_ca_file vouches for (verify-ca), whose CN is also the
// user name (verify-full). The `cert` method implies verify-full.
enum class ClientCertificateCheck { kNone, kVerifyCa, kVerifyFull };

// The method's name as pg_hba.conf spells it.
std::string_view HbaMethodName(HbaMethod method);

struct HbaLine {
  enum class Type { kLocal, kHost, kHostSsl, kHostNoSsl, kHostGssEnc, kHostNoGssEnc };
  // A database or user item: a keyword (all, sameuser, samerole,
  // replication; +role for users) unless it was quoted.
  struct Item {
    std::string name;
    bool keyword = false;  // unquoted all / sameuser / samerole / samegroup / replication
    bool group = false;    // +role
  };
  int line_number = 0;
  std::string text;  // the line as written, for the log
  Type type = Type::kHost;
  std::vector<Item> databases;
  std::vector<Item> users;
  bool any_address = false;  // `all`
  ClientAddress::Family family = ClientAddress::Family::kNone;
  std::array<uint8_t, 16> address{};
  std::array<uint8_t, 16> mask{};
  HbaMethod method = HbaMethod::kReject;
  ClientCertificateCheck client_certificate = ClientCertificateCheck::kNone;
};

// What a line is matched against.
struct HbaRequest {
  bool local = false;  // a Unix-domain socket (Basalt listens on TCP only)
  bool ssl = false;
  const ClientAddress* address = nullptr;
  std::string_view database;
  std::string_view user;
};

struct HbaRules {
  std::string source;  // the file, or "built-in rules"
  std::vector<HbaLine> lines;

  // The first line matching `request`, or null (no pg_hba.conf entry).
  const HbaLine* Match(const HbaRequest& request) const;
};

// Parses pg_hba.conf text. Errors name `source` and the line. Lines may use
// every connection type; methods other than the six above are refused
// (except on `local` lines, which no connection matches); `cert` and
// `clientcert=` need a hostssl line, as in PostgreSQL.
Result<HbaRules> ParseHba(std::string_view text, std::string_view source);

// Without an hba file: loopback connections (127.0.0.1, ::1) are trusted,
// every other one must pass SCRAM-SHA-256.
HbaRules DefaultHbaRules();

class HbaStore {
 public:
  // Reads `file` (empty: DefaultHbaRules). Fails if the file cannot be read
  // or parsed.
  static Result<std::unique_ptr<HbaStore>> Open(std::filesystem::path file);

  // Thread-safe. The rules in force.
  std::shared_ptr<const HbaRules> Current() const;
  // Thread-safe. Reads the file again; on failure the old rules stay and
  // the error says why.
  Status Reload();
  const std::filesystem::path& file() const { return file_; }

 private:
  explicit HbaStore(std::filesystem::path file) : file_(std::move(file)) {}
  Result<std::shared_ptr<const HbaRules>> Read() const;

  const std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::shared_ptr<const HbaRules> current_;  // GUARDED_BY(mutex_)
};

}  // namespace basalt::server
