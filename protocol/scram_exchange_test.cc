#include "protocol/scram_exchange.h"

#include <catch2/catch.hpp>

#include <vector>

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

namespace basalt::protocol {
namespace {

// A client's final message for `exchange` answering `server_first`, with
// the channel binding `cbind` (gs2 header + data) and password "pencil".
std::string ClientFinal(std::string_view client_first_bare, std::string_view server_first,
                        std::string_view cbind) {
  const std::string salt = Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==").value();
  const ScramKey salted = ScramSaltedPassword("pencil", salt, 4096);
  const ScramKey client_key = HmacSha256(AsView(salted), "Client Key");
  const ScramKey stored_key = Sha256(AsView(client_key));
  const std::string nonce(server_first.substr(2, server_first.find(',') - 2));
  const std::string without_proof = "c=" + Base64Encode(cbind) + ",r=" + nonce;
  const std::string auth_message =
      std::string(client_first_bare) + "," + std::string(server_first) + "," + without_proof;
  const ScramKey signature = HmacSha256(AsView(stored_key), auth_message);
  std::string proof(kScramKeyLength, '\0');
  for (size_t i = 0; i < kScramKeyLength; ++i) {
    proof[i] = static_cast<char>(client_key[i] ^ signature[i]);
  }
  return without_proof + ",p=" + Base64Encode(proof);
}

TEST_CASE("SCRAM-SHA-256-PLUS binds the exchange to the TLS certificate", "[scram]") {
  const std::string end_point = "certificate hash";
  ScramExchange exchange(PencilVerifier(), "user", end_point);
  const std::vector<std::string_view> offered = exchange.Mechanisms();
  REQUIRE(offered.size() == 2);
  CHECK(offered[0] == kScramSha256Plus);
  REQUIRE(exchange.SelectMechanism(kScramSha256Plus));
  auto server_first = exchange.OnClientFirst("p=tls-server-end-point,,n=,r=abc");
  REQUIRE(server_first.ok());
  bool authenticated = false;
  auto server_final = exchange.OnClientFinal(
      ClientFinal("n=,r=abc", *server_first, "p=tls-server-end-point,," + end_point),
      &authenticated);
  REQUIRE(server_final.ok());
  CHECK(authenticated);

  // Bound to another certificate (a relay terminating TLS): refused.
  ScramExchange relayed(PencilVerifier(), "user", end_point);
  REQUIRE(relayed.SelectMechanism(kScramSha256Plus));
  auto relayed_first = relayed.OnClientFirst("p=tls-server-end-point,,n=,r=abc");
  REQUIRE(relayed_first.ok());
  CHECK(relayed
            .OnClientFinal(ClientFinal("n=,r=abc", *relayed_first,
                                       "p=tls-server-end-point,,another certificate"),
                           &authenticated)
            .status()
            .code() == sqlstate::kProtocolViolation);
}

TEST_CASE("SCRAM channel binding negotiation errors", "[scram]") {
  auto first = [](std::string_view mechanism, std::string_view message, bool tls) {
    ScramExchange exchange(PencilVerifier(), "user", tls ? "hash" : "");
    REQUIRE(exchange.SelectMechanism(mechanism));
    return exchange.OnClientFirst(message).status();
  };
  // Without TLS only SCRAM-SHA-256 exists.
  ScramExchange plain(PencilVerifier(), "user");
  CHECK(plain.Mechanisms() == std::vector<std::string_view>{kScramSha256});
  CHECK_FALSE(plain.SelectMechanism(kScramSha256Plus));
  CHECK_FALSE(plain.SelectMechanism("SCRAM-SHA-1"));
  // 'y' over TLS: the client thinks we cannot bind, but we can.
  Status y = first(kScramSha256, "y,,n=,r=abc", true);
  CHECK(y.code() == sqlstate::kProtocolViolation);
  CHECK(y.message() == "SCRAM channel binding negotiation error");
  CHECK(first(kScramSha256, "y,,n=,r=abc", false).ok());
  CHECK(first(kScramSha256, "n,,n=,r=abc", true).ok());
  CHECK(first(kScramSha256, "p=tls-server-end-point,,n=,r=abc", true).code() ==
        sqlstate::kProtocolViolation);
  CHECK(first(kScramSha256Plus, "n,,n=,r=abc", true).code() == sqlstate::kProtocolViolation);
  CHECK(first(kScramSha256Plus, "p=tls-unique,,n=,r=abc", true).message() ==
        "unsupported SCRAM channel-binding type \"tls-unique\"");
}

}  // namespace
}  // namespace basalt::protocol
