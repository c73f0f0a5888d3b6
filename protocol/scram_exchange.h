// The server side of a SCRAM-SHA-256 exchange (RFC 5802 / RFC 7677) as
// PostgreSQL runs it inside SASL messages: client-first-message ->
// server-first-message -> client-final-message -> server-final-message.
// On TLS connections SCRAM-SHA-256-PLUS is offered too, with the
// `tls-server-end-point` channel binding (RFC 5929: a hash of the server's
// certificate), so a man in the middle terminating TLS cannot relay the
// exchange. The user name in the message is ignored, as in PostgreSQL: the
// startup packet's user is the one authenticated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/password_hash.h"
#include "common/status.h"

namespace basalt::protocol {

inline constexpr std::string_view kScramSha256 = "SCRAM-SHA-256";
inline constexpr std::string_view kScramSha256Plus = "SCRAM-SHA-256-PLUS";
inline constexpr std::string_view kTlsServerEndPoint = "tls-server-end-point";

class ScramExchange {
 public:
  // `verifier` null: the role does not exist, has no SCRAM verifier or may
  // not log in now. The exchange then runs with a salt derived from `user`
  // (always the same for one user within a server's life, as a real one)
  // and fails at the end, so the client cannot tell why.
  // `channel_binding`: the tls-server-end-point data of this connection's
  // TLS certificate; empty without TLS (then -PLUS is not offered).
  ScramExchange(std::optional<ScramVerifier> verifier, std::string_view user,
                std::string channel_binding = "");

  // The mechanisms to offer in AuthenticationSASL, most preferred first.
  std::vector<std::string_view> Mechanisms() const;
  // The client's choice from SASLInitialResponse; false if not offered
  // (08P01 `client selected an invalid SASL authentication mechanism`).
  bool SelectMechanism(std::string_view mechanism);

  // The server nonce the next OnClientFirst uses (tests: the RFC's vector).
  void set_server_nonce(std::string nonce) { server_nonce_ = std::move(nonce); }

  // client-first-message -> server-first-message. Malformed input: 08P01
  // `malformed SCRAM message` (with PostgreSQL's DETAIL); an authzid: 0A000.
  Result<std::string> OnClientFirst(std::string_view message);
  // client-final-message -> server-final-message when the proof is right;
  // `authenticated` says whether it was. Malformed input: 08P01.
  Result<std::string> OnClientFinal(std::string_view message, bool* authenticated);

 private:
  std::optional<ScramVerifier> verifier_;
  ScramVerifier mock_;
  std::string channel_binding_;
  bool plus_ = false;       // SCRAM-SHA-256-PLUS chosen
  std::string gs2_header_;  // "n,,", "y,," or "p=tls-server-end-point,,"
  std::string client_first_bare_;
  std::string server_first_;
  std::string client_nonce_;
  std::string server_nonce_;
  bool first_done_ = false;
};

}  // namespace basalt::protocol
