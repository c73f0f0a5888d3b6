#include "server/config.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "server/command_line.h"
#include "server/hba.h"

namespace basalt::server {
namespace {

namespace fs = std::filesystem;

// ctest runs every test case in its own process, in parallel: the name must
// differ across processes (an unseeded std::rand() gave them all one file).
fs::path WriteTemp(const std::string& text) {
  static int counter = 0;
  const fs::path path =
      fs::temp_directory_path() / ("basalt-config-test-" + std::to_string(getpid()) + "-" +
                                   std::to_string(counter++) + ".conf");
  std::ofstream(path) << text;
  return path;
}

TEST_CASE("config file: comments, quotes, values") {
  const fs::path file = WriteTemp(
      "# comment\n"
      "\n"
      "listen = '0.0.0.0'   # trailing comment\n"
      "  port=6543\n"
      "data_dir = \"/var/lib/basalt # not a comment\"\n"
      "key_file = /etc/basalt.key\n"
      "log_level = debug\n");
  ServerConfig config;
  REQUIRE(LoadConfigFile(file, config).ok());
  CHECK(config.listen == "0.0.0.0");
  CHECK(config.port == 6543);
  CHECK(config.data_dir == "/var/lib/basalt # not a comment");
  CHECK(config.key_file == "/etc/basalt.key");
  CHECK(config.log_level == "debug");
  fs::remove(file);
}

TEST_CASE("config file errors name the file and line") {
  const fs::path file = WriteTemp("port = 5432\nshared_buffers = 128MB\n");
  ServerConfig config;
  Status status = LoadConfigFile(file, config);
  REQUIRE_FALSE(status.ok());
  CHECK(status.message() ==
        file.string() + ":2: unrecognized configuration parameter \"shared_buffers\"");
  fs::remove(file);

  const fs::path bad_port = WriteTemp("port = 70000\n");
  status = LoadConfigFile(bad_port, config);
  REQUIRE_FALSE(status.ok());
  CHECK(status.message().find(":1: invalid value for port") != std::string::npos);
  fs::remove(bad_port);

  CHECK_FALSE(LoadConfigFile("/no/such/file.conf", config).ok());
}

TEST_CASE("max_connections: default 10000, PostgreSQL's range") {
  ServerConfig config;
  CHECK(config.max_connections == 10'000);
  REQUIRE(ApplySetting(config, "max_connections", "25").ok());
  CHECK(config.max_connections == 25);
  CHECK_FALSE(ApplySetting(config, "max_connections", "0").ok());
  CHECK_FALSE(ApplySetting(config, "max_connections", "262144").ok());
  CHECK_FALSE(ApplySetting(config, "max_connections", "many").ok());
}

TEST_CASE("the shipped conf/basalt.conf parses, key file outside the data directory") {
  ServerConfig config;
  Status status = LoadConfigFile(BASALT_SOURCE_DIR "/conf/basalt.conf", config);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(config.listen == "127.0.0.1");
  CHECK(config.port == 5432);
  CHECK(config.log_level == "info");
  CHECK(config.max_connections == 10'000);
  CHECK(config.ssl);
  CHECK(config.hba_file == "./conf/hba.conf");
  const auto data = fs::weakly_canonical(config.data_dir);
  const auto key = fs::weakly_canonical(config.key_file);
  CHECK(key.string().rfind(data.string() + "/", 0) != 0);
}

TEST_CASE("ssl and hba settings") {
  ServerConfig config;
  CHECK(config.ssl);
  CHECK(config.hba_file.empty());
  REQUIRE(ApplySetting(config, "ssl", "off").ok());
  CHECK_FALSE(config.ssl);
  REQUIRE(ApplySetting(config, "ssl", "TRUE").ok());
  CHECK(config.ssl);
  CHECK(ApplySetting(config, "ssl", "maybe").message() ==
        "parameter \"ssl\" requires a Boolean value");
  REQUIRE(ApplySetting(config, "ssl_cert_file", "/etc/c.crt").ok());
  REQUIRE(ApplySetting(config, "ssl_key_file", "/etc/c.key").ok());
  REQUIRE(ApplySetting(config, "ssl_ca_file", "/etc/ca.crt").ok());
  REQUIRE(ApplySetting(config, "hba_file", "/etc/hba.conf").ok());
  CHECK(config.ssl_cert_file == "/etc/c.crt");
  CHECK(config.ssl_key_file == "/etc/c.key");
  CHECK(config.ssl_ca_file == "/etc/ca.crt");
  CHECK(config.hba_file == "/etc/hba.conf");
}

TEST_CASE("the shipped conf/hba.conf trusts loopback and asks others for SCRAM") {
  std::ifstream in(BASALT_SOURCE_DIR "/conf/hba.conf");
  std::stringstream text;
  text << in.rdbuf();
  auto rules = ParseHba(text.str(), "conf/hba.conf");
  INFO(rules.status().message());
  REQUIRE(rules.ok());
  const HbaRules defaults = DefaultHbaRules();
  REQUIRE(rules->lines.size() == defaults.lines.size());
  for (size_t i = 0; i < defaults.lines.size(); ++i) {
    CHECK(rules->lines[i].method == defaults.lines[i].method);
    CHECK(rules->lines[i].address == defaults.lines[i].address);
    CHECK(rules->lines[i].mask == defaults.lines[i].mask);
  }
}

TEST_CASE("command line flags") {
  const char* argv[] = {"basalt",     "--config", "x.conf",        "--port=7000",
                        "--data-dir", "/d",       "--generate-key"};
  auto parsed = ParseCommandLine(7, argv);
  REQUIRE(parsed.ok());
  CHECK(parsed->config_file == fs::path("x.conf"));
  CHECK(parsed->generate_key);
  REQUIRE(parsed->overrides.size() == 2);
  CHECK(parsed->overrides[0] == std::pair<std::string, std::string>{"port", "7000"});
  CHECK(parsed->overrides[1] == std::pair<std::string, std::string>{"data_dir", "/d"});

  const char* unknown[] = {"basalt", "--bogus"};
  CHECK_FALSE(ParseCommandLine(2, unknown).ok());
  const char* missing[] = {"basalt", "--port"};
  CHECK_FALSE(ParseCommandLine(2, missing).ok());
}

}  // namespace
}  // namespace basalt::server
