#include "common/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace basalt {

namespace {

constexpr std::string_view kScramPrefix = "SCRAM-SHA-256$";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

ScramKey Sha256(std::string_view data) {
  ScramKey out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return out;
}

ScramKey HmacSha256(std::string_view key, std::string_view data) {
  ScramKey out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(),
           out.data(), &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA-256 failed");
  }
  return out;
}

ScramKey ScramSaltedPassword(std::string_view password, std::string_view salt, int iterations) {
  ScramKey out{};
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), Bytes(salt),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

std::string Md5Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("MD5 failed");
  }
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string RandomBytes(size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

std::string Base64Encode(std::string_view data) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(data[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(data[i + 1])} << 8) |
                       uint32_t{static_cast<uint8_t>(data[i + 2])};
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i + 1 == data.size()) {
    const uint32_t v = uint32_t{static_cast<uint8_t>(data[i])} << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(data[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(data[i + 1])} << 8);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    uint32_t v = 0;
    if (c == '=') {
      // Only at the end, at most two.
      if (i + 2 < text.size()) return std::nullopt;
      ++padding;
    } else {
      if (padding > 0) return std::nullopt;
      const char* found = std::strchr(kBase64, c);
      if (c == '\0' || found == nullptr) return std::nullopt;
      v = static_cast<uint32_t>(found - kBase64);
    }
    bits = (bits << 6) | v;
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xff);
      out += static_cast<char>((bits >> 8) & 0xff);
      out += static_cast<char>(bits & 0xff);
      bits = 0;
      count = 0;
    }
  }
  if (padding > 2) return std::nullopt;
  out.resize(out.size() - padding);
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordType ClassifyPassword(std::string_view text) {
  if (text.size() == 35 && text.starts_with("md5") && IsHex(text.substr(3))) {
    return PasswordType::kMd5;
  }
  if (ParseScramVerifier(text)) return PasswordType::kScramSha256;
  return PasswordType::kPlaintext;
}

std::string MakeScramVerifier(std::string_view password, std::string_view salt, int iterations) {
  const ScramKey salted = ScramSaltedPassword(password, salt, iterations);
  const ScramKey client_key = HmacSha256(AsView(salted), "Client Key");
  const ScramKey stored_key = Sha256(AsView(client_key));
  const ScramKey server_key = HmacSha256(AsView(salted), "Server Key");
  return fmt::format("{}{}:{}${}:{}", kScramPrefix, iterations, Base64Encode(salt),
                     Base64Encode(AsView(stored_key)), Base64Encode(AsView(server_key)));
}

std::string MakeScramVerifier(std::string_view password) {
  return MakeScramVerifier(password, RandomBytes(kScramSaltLength));
}

std::optional<ScramVerifier> ParseScramVerifier(std::string_view text) {
  if (!text.starts_with(kScramPrefix)) return std::nullopt;
  text.remove_prefix(kScramPrefix.size());
  const size_t colon1 = text.find(':');
  const size_t dollar = text.find('$');
  if (colon1 == std::string_view::npos || dollar == std::string_view::npos || dollar < colon1) {
    return std::nullopt;
  }
  const size_t colon2 = text.find(':', dollar);
  if (colon2 == std::string_view::npos) return std::nullopt;
  ScramVerifier verifier;
  const std::string_view iterations = text.substr(0, colon1);
  if (iterations.empty() || iterations.size() > 9) return std::nullopt;
  verifier.iterations = 0;
  for (char c : iterations) {
    if (c < '0' || c > '9') return std::nullopt;
    verifier.iterations = verifier.iterations * 10 + (c - '0');
  }
  if (verifier.iterations <= 0) return std::nullopt;
  auto salt = Base64Decode(text.substr(colon1 + 1, dollar - colon1 - 1));
  auto stored = Base64Decode(text.substr(dollar + 1, colon2 - dollar - 1));
  auto server = Base64Decode(text.substr(colon2 + 1));
  if (!salt || salt->empty() || !stored || stored->size() != kScramKeyLength || !server ||
      server->size() != kScramKeyLength) {
    return std::nullopt;
  }
  verifier.salt = std::move(*salt);
  std::copy(stored->begin(), stored->end(), verifier.stored_key.begin());
  std::copy(server->begin(), server->end(), verifier.server_key.begin());
  return verifier;
}

std::string MakeMd5Verifier(std::string_view password, std::string_view user) {
  std::string input(password);
  input += user;
  return "md5" + Md5Hex(input);
}

bool CheckPlaintextPassword(std::string_view stored, std::string_view user,
                            std::string_view password) {
  switch (ClassifyPassword(stored)) {
    case PasswordType::kScramSha256: {
      const std::optional<ScramVerifier> verifier = ParseScramVerifier(stored);
      const ScramKey salted = ScramSaltedPassword(password, verifier->salt, verifier->iterations);
      const ScramKey client_key = HmacSha256(AsView(salted), "Client Key");
      const ScramKey server_key = HmacSha256(AsView(salted), "Server Key");
      return ConstantTimeEqual(AsView(Sha256(AsView(client_key))), AsView(verifier->stored_key)) &&
             ConstantTimeEqual(AsView(server_key), AsView(verifier->server_key));
    }
    case PasswordType::kMd5: return ConstantTimeEqual(MakeMd5Verifier(password, user), stored);
    case PasswordType::kPlaintext: return false;  // never stored
  }
  return false;
}

}  // namespace basalt
