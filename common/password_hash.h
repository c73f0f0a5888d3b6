// Password verifiers as PostgreSQL stores them in pg_authid.rolpassword, and
// the primitives of SCRAM-SHA-256 (RFC 5802 / RFC 7677), all through
// OpenSSL. A role's password is only ever kept as one of these:
//   SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>  (base64 parts)
//   md5<32 hex digits of md5(password || user name)>
// Shared by sql/ (CREATE ROLE ... PASSWORD) and protocol/ (the exchanges).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basalt {

inline constexpr int kScramIterations = 4096;  // PostgreSQL's scram_iterations
inline constexpr size_t kScramSaltLength = 16;
inline constexpr size_t kScramKeyLength = 32;  // SHA-256
using ScramKey = std::array<uint8_t, kScramKeyLength>;

struct ScramVerifier {
  int iterations = kScramIterations;
  std::string salt;  // raw bytes
  ScramKey stored_key{};
  ScramKey server_key{};
};

enum class PasswordType { kPlaintext, kMd5, kScramSha256 };

// What a stored (or CREATE ROLE-given) password text is.
PasswordType ClassifyPassword(std::string_view text);

// A SCRAM verifier for `password` with `salt` (raw bytes), in its text form.
std::string MakeScramVerifier(std::string_view password, std::string_view salt,
                              int iterations = kScramIterations);
// With a fresh random 16-byte salt.
std::string MakeScramVerifier(std::string_view password);
std::optional<ScramVerifier> ParseScramVerifier(std::string_view text);

// "md5" + md5hex(password + user).
std::string MakeMd5Verifier(std::string_view password, std::string_view user);

// Whether `password` (sent in clear, the `password` method) matches the
// stored verifier of `user` (SCRAM or md5). Constant time in the digest
// comparison.
bool CheckPlaintextPassword(std::string_view stored, std::string_view user,
                            std::string_view password);

// --- primitives ------------------------------------------------------------
ScramKey Sha256(std::string_view data);
ScramKey HmacSha256(std::string_view key, std::string_view data);
ScramKey ScramSaltedPassword(std::string_view password, std::string_view salt, int iterations);
std::string Md5Hex(std::string_view data);
// Cryptographically random bytes (RAND_bytes).
std::string RandomBytes(size_t count);
std::string Base64Encode(std::string_view data);
// nullopt on a character outside the alphabet or a bad length.
std::optional<std::string> Base64Decode(std::string_view text);
bool ConstantTimeEqual(std::string_view a, std::string_view b);
inline std::string_view AsView(const ScramKey& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

}  // namespace basalt
