#include "server/hba.h"

#include <arpa/inet.h>

#include <catch2/catch.hpp>

namespace basalt::server {
namespace {

ClientAddress Address(const std::string& text) {
  ClientAddress address;
  address.text = text;
  if (inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) {
    address.family = ClientAddress::Family::kIpv4;
  } else {
    REQUIRE(inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1);
    address.family = ClientAddress::Family::kIpv6;
  }
  return address;
}

// The line number that matches, or 0 for none.
int MatchLine(const HbaRules& rules, const std::string& address, std::string_view database,
              std::string_view user, bool ssl = false) {
  const ClientAddress client = Address(address);
  HbaRequest request;
  request.ssl = ssl;
  request.address = &client;
  request.database = database;
  request.user = user;
  const HbaLine* line = rules.Match(request);
  return line == nullptr ? 0 : line->line_number;
}

TEST_CASE("hba: the first matching line wins", "[hba]") {
  auto rules = ParseHba(
      "# comment\n"
      "\n"
      "local   all   all                     peer\n"
      "host    db1   alice   127.0.0.1/32    reject\n"
      "hostssl all   all     10.0.0.0/8      md5   # inline comment\n"
      "hostnossl all all     10.0.0.0 255.0.0.0 password\n"
      "host    all   all     ::1/128         trust\n"
      "host    all   all     0.0.0.0/0       scram-sha-256\n",
      "test");
  REQUIRE(rules.ok());
  REQUIRE(rules->lines.size() == 6);
  CHECK(MatchLine(*rules, "127.0.0.1", "db1", "alice") == 4);
  CHECK(rules->lines[1].method == HbaMethod::kReject);
  CHECK(MatchLine(*rules, "127.0.0.1", "db2", "alice") == 8);
  CHECK(MatchLine(*rules, "10.1.2.3", "db1", "bob", /*ssl=*/true) == 5);
  CHECK(MatchLine(*rules, "10.1.2.3", "db1", "bob", /*ssl=*/false) == 6);
  CHECK(MatchLine(*rules, "::1", "db1", "bob") == 7);
  CHECK(MatchLine(*rules, "::2", "db1", "bob") == 0);
  // The local line never matches a TCP connection.
  CHECK(rules->lines[0].type == HbaLine::Type::kLocal);
}

TEST_CASE("hba: databases, users, keywords and quoting", "[hba]") {
  auto rules = ParseHba(
      "host sameuser all 0.0.0.0/0 trust\n"
      "host \"all\" all 0.0.0.0/0 password\n"
      "host db1,db2 +admins,carol 0.0.0.0/0 md5\n"
      "host db3, db4 dave 0.0.0.0/0 scram-sha-256\n"
      "host replication all 0.0.0.0/0 trust\n",
      "test");
  REQUIRE(rules.ok());
  CHECK(MatchLine(*rules, "192.168.1.1", "alice", "alice") == 1);
  CHECK(MatchLine(*rules, "192.168.1.1", "all", "bob") == 2);  // a database named "all"
  CHECK(MatchLine(*rules, "192.168.1.1", "db2", "carol") == 3);
  CHECK(MatchLine(*rules, "192.168.1.1", "db1", "admins") == 3);
  CHECK(MatchLine(*rules, "192.168.1.1", "db4", "dave") == 4);
  CHECK(MatchLine(*rules, "192.168.1.1", "replication", "erin") == 0);
}

TEST_CASE("hba: address masks in both forms, IPv4 and IPv6", "[hba]") {
  auto rules = ParseHba(
      "host all all 192.168.0.0 255.255.0.0 trust\n"
      "host all all fe80::/10 trust\n"
      "host all all 203.0.113.7/32 trust\n"
      "host all all all reject\n",
      "test");
  REQUIRE(rules.ok());
  CHECK(MatchLine(*rules, "192.168.44.1", "d", "u") == 1);
  CHECK(MatchLine(*rules, "192.169.0.1", "d", "u") == 4);
  CHECK(MatchLine(*rules, "fe80::1", "d", "u") == 2);
  CHECK(MatchLine(*rules, "fec0::1", "d", "u") == 4);
  CHECK(MatchLine(*rules, "203.0.113.7", "d", "u") == 3);
  CHECK(MatchLine(*rules, "203.0.113.8", "d", "u") == 4);
}

TEST_CASE("hba: broken lines are refused with file and line", "[hba]") {
  auto error = [](std::string_view text) { return ParseHba(text, "hba.conf").status().message(); };
  CHECK(error("hots all all 0.0.0.0/0 trust\n") == "hba.conf:1: invalid connection type \"hots\"");
  CHECK(error("\nhost all all 0.0.0.0/0 magic\n") ==
        "hba.conf:2: invalid authentication method \"magic\"");
  CHECK(error("host all all 0.0.0.0/33 trust") ==
        "hba.conf:1: invalid CIDR mask in address \"0.0.0.0/33\"");
  CHECK(error("host all all 10.0.0.0 trust") == "hba.conf:1: invalid IP mask \"trust\"");
  CHECK(error("host all all") == "hba.conf:1: end-of-line before IP address specification");
  CHECK(error("host all") == "hba.conf:1: end-of-line before role specification");
  CHECK(error("host all all example.com trust").find("host names are not supported") !=
        std::string::npos);
  CHECK(error("host all all 0.0.0.0/0 gss").find("not supported") != std::string::npos);
  CHECK(error("host all all 0.0.0.0/0 trust clientcert=verify-full") ==
        "hba.conf:1: clientcert can only be configured for \"hostssl\" rows");
  CHECK(error("hostssl all all 0.0.0.0/0 trust clientcert=maybe") ==
        "hba.conf:1: authentication option \"clientcert=maybe\" is not supported");
  CHECK(error("host all all 0.0.0.0/0 cert") ==
        "hba.conf:1: cert authentication is only supported on hostssl connections");
  CHECK(error("hostssl all all 0.0.0.0/0 cert clientcert=verify-ca") ==
        "hba.conf:1: clientcert only accepts \"verify-full\" when using \"cert\" authentication");
  CHECK(error("host all all 10.0.0.0 ffff::\n") == "hba.conf:1: IP address and mask do not match");
}

TEST_CASE("hba: client certificate checks on hostssl lines", "[hba]") {
  auto rules = ParseHba(
      "hostssl all a 0.0.0.0/0 cert\n"
      "hostssl all b 0.0.0.0/0 md5 clientcert=verify-ca\n"
      "hostssl all c 0.0.0.0/0 scram-sha-256 clientcert=verify-full\n"
      "hostssl all d 0.0.0.0/0 trust\n",
      "test");
  REQUIRE(rules.ok());
  CHECK(rules->lines[0].method == HbaMethod::kCert);
  CHECK(rules->lines[0].client_certificate == ClientCertificateCheck::kVerifyFull);
  CHECK(rules->lines[1].client_certificate == ClientCertificateCheck::kVerifyCa);
  CHECK(rules->lines[2].client_certificate == ClientCertificateCheck::kVerifyFull);
  CHECK(rules->lines[3].client_certificate == ClientCertificateCheck::kNone);
}

TEST_CASE("hba: without a file loopback is trusted, the rest needs SCRAM", "[hba]") {
  const HbaRules rules = DefaultHbaRules();
  auto method = [&](const std::string& address) {
    const ClientAddress client = Address(address);
    HbaRequest request;
    request.address = &client;
    request.database = "basalt";
    request.user = "basalt";
    const HbaLine* line = rules.Match(request);
    REQUIRE(line != nullptr);
    return line->method;
  };
  CHECK(method("127.0.0.1") == HbaMethod::kTrust);
  CHECK(method("::1") == HbaMethod::kTrust);
  CHECK(method("10.0.0.1") == HbaMethod::kScramSha256);
  CHECK(method("2001:db8::1") == HbaMethod::kScramSha256);
}

}  // namespace
}  // namespace basalt::server
