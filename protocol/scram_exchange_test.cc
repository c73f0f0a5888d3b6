#include "protocol/scram_exchange.h"

#include <catch2/catch.hpp>

namespace basalt::protocol {
namespace {

// RFC 7677, section 3: user "user", password "pencil".
constexpr std::string_view kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

ScramVerifier PencilVerifier() {
  const std::string text =
      MakeScramVerifier("pencil", Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==").value(), 4096);
  return ParseScramVerifier(text).value();
}

TEST_CASE("SCRAM-SHA-256 follows the RFC 7677 test vector", "[scram]") {
  ScramExchange exchange(PencilVerifier(), "user");
  exchange.set_server_nonce(std::string(kServerNonce));
  auto server_first = exchange.OnClientFirst(kClientFirst);
  REQUIRE(server_first.ok());
  CHECK(*server_first == kServerFirst);
  bool authenticated = false;
  auto server_final = exchange.OnClientFinal(kClientFinal, &authenticated);
  REQUIRE(server_final.ok());
  CHECK(authenticated);
  CHECK(*server_final == kServerFinal);
}

TEST_CASE("SCRAM refuses a wrong proof", "[scram]") {
  ScramExchange exchange(PencilVerifier(), "user");
  exchange.set_server_nonce(std::string(kServerNonce));
  REQUIRE(exchange.OnClientFirst(kClientFirst).ok());
  std::string wrong(kClientFinal);
  wrong[wrong.size() - 5] = wrong[wrong.size() - 5] == 'A' ? 'B' : 'A';
  bool authenticated = true;
  auto server_final = exchange.OnClientFinal(wrong, &authenticated);
  REQUIRE(server_final.ok());
  CHECK_FALSE(authenticated);
}

TEST_CASE("a doomed SCRAM exchange looks real and fails even with the right proof", "[scram]") {
  ScramExchange doomed(std::nullopt, "user");
  doomed.set_server_nonce(std::string(kServerNonce));
  auto server_first = doomed.OnClientFirst(kClientFirst);
  REQUIRE(server_first.ok());
  CHECK(server_first->find(",s=") != std::string::npos);
  CHECK(server_first->ends_with(",i=4096"));
  // The mock salt is the same for the same user (as a real one would be).
  ScramExchange again(std::nullopt, "user");
  again.set_server_nonce(std::string(kServerNonce));
  CHECK(again.OnClientFirst(kClientFirst).value() == *server_first);
  bool authenticated = true;
  auto final_message = doomed.OnClientFinal(kClientFinal, &authenticated);
  REQUIRE(final_message.ok());
  CHECK_FALSE(authenticated);
}

TEST_CASE("malformed SCRAM messages are protocol violations", "[scram]") {
  auto first_error = [](std::string_view message) {
    ScramExchange exchange(PencilVerifier(), "user");
    return exchange.OnClientFirst(message).status();
  };
  CHECK(first_error("").code() == sqlstate::kProtocolViolation);
  CHECK(first_error("x,,n=user,r=abc").code() == sqlstate::kProtocolViolation);
  CHECK(first_error("p=tls-server-end-point,,n=user,r=abc").code() == sqlstate::kProtocolViolation);
  CHECK(first_error("n,a=admin,n=user,r=abc").code() == sqlstate::kFeatureNotSupported);
  CHECK(first_error("n,,n=user").code() == sqlstate::kProtocolViolation);
  // The client's gs2 header 'y' (it supports channel binding, we offer none).
  ScramExchange exchange(PencilVerifier(), "user");
  CHECK(exchange.OnClientFirst("y,,n=,r=abc").ok());

  ScramExchange nonce(PencilVerifier(), "user");
  nonce.set_server_nonce(std::string(kServerNonce));
  REQUIRE(nonce.OnClientFirst(kClientFirst).ok());
  bool authenticated = false;
  CHECK(nonce
            .OnClientFinal("c=biws,r=other,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                           &authenticated)
            .status()
            .code() == sqlstate::kProtocolViolation);
}

}  // namespace
}  // namespace basalt::protocol
