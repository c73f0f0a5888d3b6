#include "common/password_hash.h"

#include <catch2/catch.hpp>

namespace basalt {
namespace {

TEST_CASE("base64 round trips and rejects bad input", "[password_hash]") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Decode("Zm9vYg==").value() == "foob");
  CHECK(Base64Decode("Zm9vYmE=").value() == "fooba");
  CHECK_FALSE(Base64Decode("Zm9").has_value());
  CHECK_FALSE(Base64Decode("Zm=v").has_value());
  CHECK_FALSE(Base64Decode("Zm9*").has_value());
}

TEST_CASE("a SCRAM verifier written by PostgreSQL 15 checks a plaintext password",
          "[password_hash]") {
  // SELECT rolpassword FROM pg_authid after CREATE ROLE x PASSWORD 'pencil'.
  const std::string verifier =
      "SCRAM-SHA-256$4096:E7KhC7dtIMBBJtzFXaSssA==$Msla9FuWCqLfMvIMtgPM4Kw3FjXwV9Ld9QAOWS074PE=:"
      "hKZZwJcPKy7cabTxP9xZZz5M/qRzkWQoVutWMWETVu8=";
  CHECK(ClassifyPassword(verifier) == PasswordType::kScramSha256);
  CHECK(CheckPlaintextPassword(verifier, "x", "pencil"));
  CHECK_FALSE(CheckPlaintextPassword(verifier, "x", "pencil2"));
  // Same salt and iterations: the same verifier as PostgreSQL's.
  const auto parsed = ParseScramVerifier(verifier);
  REQUIRE(parsed.has_value());
  CHECK(MakeScramVerifier("pencil", parsed->salt, parsed->iterations) == verifier);
}

TEST_CASE("fresh SCRAM verifiers are salted and never hold the password", "[password_hash]") {
  const std::string a = MakeScramVerifier("secret");
  const std::string b = MakeScramVerifier("secret");
  CHECK(a != b);
  CHECK(a.find("secret") == std::string::npos);
  CHECK(a.starts_with("SCRAM-SHA-256$4096:"));
  CHECK(CheckPlaintextPassword(a, "anyone", "secret"));
  CHECK_FALSE(CheckPlaintextPassword(a, "anyone", "Secret"));
}

TEST_CASE("md5 verifiers are md5(password || user)", "[password_hash]") {
  CHECK(MakeMd5Verifier("pencil", "alice") == "md5ee69efad287c7423caf0b3229d71f567");
  CHECK(ClassifyPassword("md5ee69efad287c7423caf0b3229d71f567") == PasswordType::kMd5);
  CHECK(CheckPlaintextPassword("md5ee69efad287c7423caf0b3229d71f567", "alice", "pencil"));
  CHECK_FALSE(CheckPlaintextPassword("md5ee69efad287c7423caf0b3229d71f567", "bob", "pencil"));
  // The challenge-response form: md5(md5hex(password || user) || salt).
  CHECK("md5" + Md5Hex(std::string("ee69efad287c7423caf0b3229d71f567") + "\x01\x02\x03\x04") ==
        "md537cba386e8b90f1e3941a0e792722253");
}

TEST_CASE("only well-formed verifiers are taken as hashed", "[password_hash]") {
  CHECK(ClassifyPassword("secret") == PasswordType::kPlaintext);
  CHECK(ClassifyPassword("md5notreallyhex") == PasswordType::kPlaintext);
  CHECK(ClassifyPassword("SCRAM-SHA-256$4096:abc") == PasswordType::kPlaintext);
  CHECK(ClassifyPassword(
            "SCRAM-SHA-256$0:E7KhC7dtIMBBJtzFXaSssA==$Msla9FuWCqLfMvIMtgPM4Kw3FjXwV9Ld9QAOWS074PE=:"
            "hKZZwJcPKy7cabTxP9xZZz5M/qRzkWQoVutWMWETVu8=") == PasswordType::kPlaintext);
}

}  // namespace
}  // namespace basalt
