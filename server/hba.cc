#include "server/hba.h"

#include <arpa/inet.h>

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace basalt::server {

namespace {

using Family = ClientAddress::Family;

struct Token {
  std::string text;
  bool quoted = false;
};
// One whitespace-separated field; "a,b" (or "a, b") is one field of two.
using Field = std::vector<Token>;

Status LineError(std::string_view source, int line, std::string message) {
  return Status::Error(sqlstate::kConfigFileError,
                       fmt::format("{}:{}: {}", source, line, std::move(message)));
}

// Splits a line into fields as PostgreSQL's tokenizer does: blanks separate
// fields, commas separate the items of one field, double quotes keep blanks,
// commas and '#' and make a keyword a plain name, '#' starts a comment.
Result<std::vector<Field>> SplitFields(std::string_view line) {
  std::vector<Field> fields;
  size_t i = 0;
  bool continue_field = false;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    Token token;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
           line[i] != ',' && line[i] != '#') {
      if (line[i] == '"') {
        token.quoted = true;
        const size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos) {
          return Status::Error(sqlstate::kConfigFileError, "unterminated quoted string");
        }
        token.text.append(line.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        token.text.push_back(line[i++]);
      }
    }
    if (continue_field && !fields.empty()) {
      fields.back().push_back(std::move(token));
    } else {
      fields.push_back(Field{std::move(token)});
    }
    continue_field = i < line.size() && line[i] == ',';
    if (continue_field) ++i;
  }
  return fields;
}

bool IsKeyword(const Token& token, std::string_view word) {
  return !token.quoted && token.text == word;
}

// Parses an IPv4 or IPv6 address (no host names: they need DNS lookups).
bool ParseAddress(const std::string& text, Family* family, std::array<uint8_t, 16>* bytes) {
  *bytes = {};
  if (inet_pton(AF_INET, text.c_str(), bytes->data()) == 1) {
    *family = Family::kIpv4;
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes->data()) == 1) {
    *family = Family::kIpv6;
    return true;
  }
  return false;
}

std::array<uint8_t, 16> MaskOfLength(int bits) {
  std::array<uint8_t, 16> mask{};
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    mask[static_cast<size_t>(i)] =
        bits >= 8 ? uint8_t{0xff} : static_cast<uint8_t>(0xff << (8 - bits));
  }
  return mask;
}

Result<HbaMethod> ParseMethod(const std::string& name, HbaLine::Type type) {
  if (name == "trust") return HbaMethod::kTrust;
  if (name == "reject") return HbaMethod::kReject;
  if (name == "password") return HbaMethod::kPassword;
  if (name == "md5") return HbaMethod::kMd5;
  if (name == "scram-sha-256") return HbaMethod::kScramSha256;
  if (name == "cert") {
    if (type == HbaLine::Type::kHostSsl) return HbaMethod::kCert;
    if (type == HbaLine::Type::kLocal) return HbaMethod::kReject;
    return Status::Error(sqlstate::kConfigFileError,
                         "cert authentication is only supported on hostssl connections");
  }
  static constexpr std::string_view kOther[] = {"peer", "ident", "gss",    "sspi",
                                                "pam",  "ldap",  "radius", "bsd"};
  for (std::string_view other : kOther) {
    if (name != other) continue;
    // No connection is local (Basalt has no Unix-domain socket), so a
    // stock `local all all peer` line is harmless; it never matches.
    if (type == HbaLine::Type::kLocal) return HbaMethod::kReject;
    return Status::Error(sqlstate::kConfigFileError,
                         fmt::format("authentication method \"{}\" is not supported", name));
  }
  return Status::Error(sqlstate::kConfigFileError,
                       fmt::format("invalid authentication method \"{}\"", name));
}

Result<HbaLine> ParseLine(const std::vector<Field>& fields) {
  HbaLine line;
  auto single = [](const Field& field, std::string_view what) -> Result<std::string> {
    if (field.size() != 1) {
      return Status::Error(sqlstate::kConfigFileError,
                           fmt::format("multiple values specified for {}", what));
    }
    return field[0].text;
  };
  BASALT_ASSIGN_OR_RETURN(std::string type, single(fields[0], "connection type"));
  if (type == "local") {
    line.type = HbaLine::Type::kLocal;
  } else if (type == "host") {
    line.type = HbaLine::Type::kHost;
  } else if (type == "hostssl") {
    line.type = HbaLine::Type::kHostSsl;
  } else if (type == "hostnossl") {
    line.type = HbaLine::Type::kHostNoSsl;
  } else if (type == "hostgssenc") {
    line.type = HbaLine::Type::kHostGssEnc;
  } else if (type == "hostnogssenc") {
    line.type = HbaLine::Type::kHostNoGssEnc;
  } else {
    return Status::Error(sqlstate::kConfigFileError,
                         fmt::format("invalid connection type \"{}\"", type));
  }
  size_t next = 1;
  if (next >= fields.size()) {
    return Status::Error(sqlstate::kConfigFileError, "end-of-line before database specification");
  }
  for (const Token& token : fields[next++]) {
    if (!token.quoted && token.text.starts_with("@")) {
      return Status::Error(sqlstate::kConfigFileError, "included files (@file) are not supported");
    }
    HbaLine::Item item{token.text, false, false};
    item.keyword = IsKeyword(token, "all") || IsKeyword(token, "sameuser") ||
                   IsKeyword(token, "samerole") || IsKeyword(token, "samegroup") ||
                   IsKeyword(token, "replication");
    line.databases.push_back(std::move(item));
  }
  if (next >= fields.size()) {
    return Status::Error(sqlstate::kConfigFileError, "end-of-line before role specification");
  }
  for (const Token& token : fields[next++]) {
    if (!token.quoted && token.text.starts_with("@")) {
      return Status::Error(sqlstate::kConfigFileError, "included files (@file) are not supported");
    }
    HbaLine::Item item{token.text, IsKeyword(token, "all"), false};
    if (!token.quoted && token.text.starts_with("+")) {
      item.group = true;
      item.name = token.text.substr(1);
    }
    line.users.push_back(std::move(item));
  }
  if (line.type != HbaLine::Type::kLocal) {
    if (next >= fields.size()) {
      return Status::Error(sqlstate::kConfigFileError,
                           "end-of-line before IP address specification");
    }
    BASALT_ASSIGN_OR_RETURN(std::string address, single(fields[next++], "IP address"));
    if (address == "all") {
      line.any_address = true;
    } else if (address == "samehost" || address == "samenet") {
      return Status::Error(sqlstate::kConfigFileError,
                           fmt::format("\"{}\" is not supported: write the addresses", address));
    } else {
      std::string host = address;
      std::optional<int> prefix;
      if (const size_t slash = address.find('/'); slash != std::string::npos) {
        host = address.substr(0, slash);
        int bits = -1;
        const std::string digits = address.substr(slash + 1);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
        if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
          return Status::Error(sqlstate::kConfigFileError,
                               fmt::format("invalid CIDR mask in address \"{}\"", address));
        }
        prefix = bits;
      }
      if (!ParseAddress(host, &line.family, &line.address)) {
        return Status::Error(
            sqlstate::kConfigFileError,
            fmt::format("invalid IP address \"{}\" (host names are not supported)", host));
      }
      const int max_bits = line.family == Family::kIpv4 ? 32 : 128;
      if (prefix) {
        if (*prefix < 0 || *prefix > max_bits) {
          return Status::Error(sqlstate::kConfigFileError,
                               fmt::format("invalid CIDR mask in address \"{}\"", address));
        }
        line.mask = MaskOfLength(*prefix);
      } else {
        if (next >= fields.size()) {
          return Status::Error(sqlstate::kConfigFileError,
                               "end-of-line before netmask specification");
        }
        BASALT_ASSIGN_OR_RETURN(std::string mask_text, single(fields[next++], "netmask"));
        Family mask_family = Family::kNone;
        if (!ParseAddress(mask_text, &mask_family, &line.mask)) {
          return Status::Error(sqlstate::kConfigFileError,
                               fmt::format("invalid IP mask \"{}\"", mask_text));
        }
        if (mask_family != line.family) {
          return Status::Error(sqlstate::kConfigFileError, "IP address and mask do not match");
        }
      }
      for (size_t i = 0; i < 16; ++i) line.address[i] &= line.mask[i];
    }
  }
  if (next >= fields.size()) {
    return Status::Error(sqlstate::kConfigFileError, "end-of-line before authentication method");
  }
  BASALT_ASSIGN_OR_RETURN(std::string method, single(fields[next++], "authentication type"));
  BASALT_ASSIGN_OR_RETURN(line.method, ParseMethod(method, line.type));
  if (line.method == HbaMethod::kCert) {
    line.client_certificate = ClientCertificateCheck::kVerifyFull;
  }
  for (; next < fields.size(); ++next) {
    const std::string& option = fields[next][0].text;
    if (option == "clientcert=verify-ca" || option == "clientcert=verify-full") {
      if (line.type != HbaLine::Type::kHostSsl) {
        return Status::Error(sqlstate::kConfigFileError,
                             "clientcert can only be configured for \"hostssl\" rows");
      }
      if (line.method == HbaMethod::kCert && option == "clientcert=verify-ca") {
        return Status::Error(
            sqlstate::kConfigFileError,
            "clientcert only accepts \"verify-full\" when using \"cert\" authentication");
      }
      line.client_certificate = option == "clientcert=verify-ca"
                                    ? ClientCertificateCheck::kVerifyCa
                                    : ClientCertificateCheck::kVerifyFull;
      continue;
    }
    return Status::Error(sqlstate::kConfigFileError,
                         fmt::format("authentication option \"{}\" is not supported", option));
  }
  return line;
}

bool MatchesDatabase(const HbaLine& line, const HbaRequest& request) {
  for (const HbaLine::Item& item : line.databases) {
    if (item.keyword) {
      if (item.name == "all") return true;
      // No role memberships yet: a role is a member of itself only.
      if (item.name == "sameuser" || item.name == "samerole" || item.name == "samegroup") {
        if (request.database == request.user) return true;
      }
      // `replication` is for physical replication connections: none here.
      continue;
    }
    if (item.name == request.database) return true;
  }
  return false;
}

bool MatchesUser(const HbaLine& line, const HbaRequest& request) {
  for (const HbaLine::Item& item : line.users) {
    if (item.keyword) return true;  // all
    // `+role`: members of the role; without memberships, the role itself.
    if (item.name == request.user) return true;
  }
  return false;
}

bool MatchesAddress(const HbaLine& line, const ClientAddress* client) {
  if (line.any_address) return true;
  if (client == nullptr || client->family != line.family) return false;
  for (size_t i = 0; i < 16; ++i) {
    if ((client->bytes[i] & line.mask[i]) != line.address[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view HbaMethodName(HbaMethod method) {
  switch (method) {
    case HbaMethod::kTrust: return "trust";
    case HbaMethod::kReject: return "reject";
    case HbaMethod::kPassword: return "password";
    case HbaMethod::kMd5: return "md5";
    case HbaMethod::kScramSha256: return "scram-sha-256";
    case HbaMethod::kCert: return "cert";
  }
  return "reject";
}

const HbaLine* HbaRules::Match(const HbaRequest& request) const {
  for (const HbaLine& line : lines) {
    switch (line.type) {
      case HbaLine::Type::kLocal:
        if (!request.local) continue;
        break;
      case HbaLine::Type::kHost:
      case HbaLine::Type::kHostNoGssEnc:
        if (request.local) continue;
        break;
      case HbaLine::Type::kHostSsl:
        if (request.local || !request.ssl) continue;
        break;
      case HbaLine::Type::kHostNoSsl:
        if (request.local || request.ssl) continue;
        break;
      case HbaLine::Type::kHostGssEnc: continue;  // no GSSAPI encryption
    }
    if (!request.local && !MatchesAddress(line, request.address)) continue;
    if (!MatchesDatabase(line, request) || !MatchesUser(line, request)) continue;
    return &line;
  }
  return nullptr;
}

Result<HbaRules> ParseHba(std::string_view text, std::string_view source) {
  HbaRules rules;
  rules.source = std::string(source);
  int line_number = 0;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    auto fields = SplitFields(raw);
    if (!fields.ok()) return LineError(source, line_number, fields.status().message());
    if (fields->empty()) continue;
    auto line = ParseLine(*fields);
    if (!line.ok()) return LineError(source, line_number, line.status().message());
    line->line_number = line_number;
    line->text = std::string(raw);
    rules.lines.push_back(std::move(line).value());
    if (end == text.size()) break;
  }
  return rules;
}

HbaRules DefaultHbaRules() {
  auto rules = ParseHba(
      "host all all 127.0.0.1/32 trust\n"
      "host all all ::1/128 trust\n"
      "host all all 0.0.0.0/0 scram-sha-256\n"
      "host all all ::/0 scram-sha-256\n",
      "built-in rules");
  return std::move(rules).value();
}

Result<std::unique_ptr<HbaStore>> HbaStore::Open(std::filesystem::path file) {
  std::unique_ptr<HbaStore> store(new HbaStore(std::move(file)));
  BASALT_ASSIGN_OR_RETURN(store->current_, store->Read());
  return store;
}

Result<std::shared_ptr<const HbaRules>> HbaStore::Read() const {
  if (file_.empty()) return std::make_shared<const HbaRules>(DefaultHbaRules());
  std::ifstream in(file_);
  if (!in) {
    return Status::Error(sqlstate::kConfigFileError,
                         fmt::format("could not open hba file \"{}\"", file_.string()));
  }
  std::stringstream content;
  content << in.rdbuf();
  BASALT_ASSIGN_OR_RETURN(HbaRules rules, ParseHba(content.str(), file_.string()));
  return std::make_shared<const HbaRules>(std::move(rules));
}

std::shared_ptr<const HbaRules> HbaStore::Current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Status HbaStore::Reload() {
  BASALT_ASSIGN_OR_RETURN(std::shared_ptr<const HbaRules> rules, Read());
  std::lock_guard lock(mutex_);
  current_ = std::move(rules);
  return Status::OK();
}

}  // namespace basalt::server
