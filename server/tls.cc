#include "server/tls.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ssl/context.hpp>

namespace basalt::server {

namespace fs = std::filesystem;
namespace ssl = boost::asio::ssl;

namespace {

constexpr const char* kPassphraseLabel = "basalt tls private key";

Status TlsError(std::string what) {
  std::string detail;
  while (const unsigned long code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    if (!detail.empty()) detail += "; ";
    detail += text.data();
  }
  if (!detail.empty()) what += ": " + detail;
  return Status::Error(sqlstate::kConfigFileError, std::move(what));
}

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;

// The development key's passphrase: only the holder of the master key can
// read the private key, as only it can read the data.
std::string DevKeyPassphrase(const storage::MasterKey& master_key) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), master_key.data(), static_cast<int>(master_key.size()),
       reinterpret_cast<const unsigned char*>(kPassphraseLabel), std::strlen(kPassphraseLabel),
       mac.data(), &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

Result<std::string> ReadWholeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("could not open \"{}\"", file.string()));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Creates `file` with `mode` (failing if it exists) and writes `data`.
Status WriteNewFile(const fs::path& file, std::string_view data, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::IoError(
        fmt::format("could not create \"{}\": {}", file.string(), std::strerror(errno)));
  }
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      return Status::IoError(
          fmt::format("could not write \"{}\": {}", file.string(), std::strerror(saved)));
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Status::IoError(fmt::format("could not fsync \"{}\"", file.string()));
  return Status::OK();
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

Status AddExtension(X509* certificate, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (extension == nullptr) return TlsError("could not build a certificate extension");
  const int added = X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
  if (added != 1) return TlsError("could not add a certificate extension");
  return Status::OK();
}

// PostgreSQL's rule for the server's private key file.
Status CheckKeyFilePermissions(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    return Status::IoError(fmt::format("could not access private key file \"{}\": {}",
                                       file.string(), std::strerror(errno)));
  }
  const bool owned_by_root = st.st_uid == 0;
  const mode_t forbidden = owned_by_root ? (S_IWGRP | S_IXGRP | S_IRWXO) : (S_IRWXG | S_IRWXO);
  if ((st.st_mode & forbidden) != 0) {
    return Status::Error(
               sqlstate::kConfigFileError,
               fmt::format("private key file \"{}\" has group or world access", file.string()))
        .WithDetail(
            "File must have permissions u=rw (0600) or less if owned by the database user, or "
            "permissions u=rw,g=r (0640) or less if owned by root.");
  }
  return Status::OK();
}

Result<PkeyPtr> LoadPrivateKey(const fs::path& file, const std::string& passphrase) {
  BASALT_ASSIGN_OR_RETURN(std::string pem, ReadWholeFile(file));
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  // With no callback, OpenSSL takes `u` as the passphrase; an unencrypted
  // key ignores it. An empty one must not be offered to an encrypted key.
  std::string phrase = passphrase;
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr,
                                      phrase.empty() ? nullptr : phrase.data()));
  if (key == nullptr) {
    return TlsError(fmt::format("could not load private key file \"{}\"", file.string()));
  }
  return key;
}

}  // namespace

std::string TlsServerEndPoint(ssl::context& context) {
  X509* certificate = SSL_CTX_get0_certificate(context.native_handle());
  if (certificate == nullptr) return "";
  int digest_nid = NID_undef;
  if (OBJ_find_sigid_algs(X509_get_signature_nid(certificate), &digest_nid, nullptr) == 0) {
    return "";
  }
  const EVP_MD* digest = digest_nid == NID_md5 || digest_nid == NID_sha1
                             ? EVP_sha256()
                             : EVP_get_digestbynid(digest_nid);
  if (digest == nullptr) return "";
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int length = 0;
  if (X509_digest(certificate, digest, hash.data(), &length) != 1) return "";
  return std::string(reinterpret_cast<const char*>(hash.data()), length);
}

Status GenerateSelfSignedPair(const fs::path& certificate_file, const fs::path& key_file,
                              const std::string& passphrase) {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (key == nullptr) return TlsError("could not generate a private key");
  X509Ptr certificate(X509_new());
  if (certificate == nullptr || X509_set_version(certificate.get(), 2) != 1) {
    return TlsError("could not create a certificate");
  }
  BnPtr serial(BN_new());
  if (serial == nullptr || BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) == nullptr) {
    return TlsError("could not set the certificate's serial number");
  }
  constexpr long kTenYears = 10L * 365 * 24 * 3600;
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kTenYears);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Basalt development"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  if (X509_set_issuer_name(certificate.get(), name) != 1 ||
      X509_set_pubkey(certificate.get(), key.get()) != 1) {
    return TlsError("could not fill in the certificate");
  }
  // Its own root: a client may trust it with sslrootcert=server.crt and
  // sslmode=verify-full for localhost.
  BASALT_RETURN_IF_ERROR(
      AddExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE"));
  BASALT_RETURN_IF_ERROR(
      AddExtension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign"));
  BASALT_RETURN_IF_ERROR(AddExtension(certificate.get(), NID_subject_key_identifier, "hash"));
  BASALT_RETURN_IF_ERROR(
      AddExtension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"));
  if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) {
    return TlsError("could not sign the certificate");
  }

  BioPtr key_pem(BIO_new(BIO_s_mem()));
  const int written = passphrase.empty()
                          ? PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0,
                                                     nullptr, nullptr)
                          : PEM_write_bio_PKCS8PrivateKey(
                                key_pem.get(), key.get(), EVP_aes_256_cbc(), passphrase.data(),
                                static_cast<int>(passphrase.size()), nullptr, nullptr);
  if (written != 1) return TlsError("could not encode the private key");
  BioPtr certificate_pem(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(certificate_pem.get(), certificate.get()) != 1) {
    return TlsError("could not encode the certificate");
  }
  BASALT_RETURN_IF_ERROR(WriteNewFile(key_file, BioText(key_pem.get()), 0600));
  return WriteNewFile(certificate_file, BioText(certificate_pem.get()), 0644);
}

Result<std::shared_ptr<ssl::context>> MakeTlsContext(const ServerConfig& config,
                                                     const storage::MasterKey& master_key) {
  if (!config.ssl) return std::shared_ptr<ssl::context>();
  fs::path certificate_file = config.ssl_cert_file;
  fs::path key_file = config.ssl_key_file;
  std::string passphrase;
  if (certificate_file.empty()) {
    if (!key_file.empty()) {
      return Status::Error(sqlstate::kConfigFileError,
                           "ssl_key_file is set but ssl_cert_file is not");
    }
    certificate_file = config.data_dir / kDevCertificateFile;
    key_file = config.data_dir / kDevPrivateKeyFile;
    passphrase = DevKeyPassphrase(master_key);
    std::error_code ec;
    const bool have_certificate = fs::exists(certificate_file, ec);
    const bool have_key = fs::exists(key_file, ec);
    if (have_certificate != have_key) {
      return Status::Error(
          sqlstate::kConfigFileError,
          fmt::format("found only one of \"{}\" and \"{}\": remove it to get a new pair, or set "
                      "ssl_cert_file and ssl_key_file",
                      certificate_file.string(), key_file.string()));
    }
    if (!have_certificate) {
      BASALT_RETURN_IF_ERROR(GenerateSelfSignedPair(certificate_file, key_file, passphrase));
      spdlog::warn(
          "created a self-signed TLS certificate \"{}\" for development; set ssl_cert_file and "
          "ssl_key_file for production",
          certificate_file.string());
    }
  } else if (key_file.empty()) {
    return Status::Error(sqlstate::kConfigFileError,
                         "ssl_cert_file is set but ssl_key_file is not");
  }
  BASALT_RETURN_IF_ERROR(CheckKeyFilePermissions(key_file));

  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    return TlsError("could not require TLS 1.2");
  }
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // An idle connection keeps no OpenSSL record buffers (many idle clients).
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
  static constexpr unsigned char kSessionContext[] = "basalt";
  SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof(kSessionContext) - 1);
  if (SSL_CTX_use_certificate_chain_file(ctx, certificate_file.c_str()) != 1) {
    return TlsError(
        fmt::format("could not load server certificate file \"{}\"", certificate_file.string()));
  }
  BASALT_ASSIGN_OR_RETURN(PkeyPtr key, LoadPrivateKey(key_file, passphrase));
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1) {
    return TlsError(fmt::format("could not load private key file \"{}\"", key_file.string()));
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return TlsError(
        fmt::format("private key file \"{}\" does not match the certificate", key_file.string()));
  }
  if (!config.ssl_ca_file.empty()) {
    // Client certificates are asked for and checked against the CA when
    // sent; none is required (as PostgreSQL without clientcert).
    if (SSL_CTX_load_verify_locations(ctx, config.ssl_ca_file.c_str(), nullptr) != 1) {
      return TlsError(
          fmt::format("could not load root certificate file \"{}\"", config.ssl_ca_file.string()));
    }
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.ssl_ca_file.c_str());
    if (names == nullptr) {
      return TlsError(
          fmt::format("could not load root certificate file \"{}\"", config.ssl_ca_file.string()));
    }
    SSL_CTX_set_client_CA_list(ctx, names);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, nullptr);
  }
  return context;
}

namespace {

// A certificate name as PostgreSQL prints it (RFC 2253: "CN=x,O=y").
std::string NameText(const X509_NAME* name) {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (out == nullptr ||
      X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
    return "";
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  return length > 0 ? std::string(data, static_cast<size_t>(length)) : "";
}

std::string SerialText(const ASN1_INTEGER* serial) {
  BnPtr number(ASN1_INTEGER_to_BN(serial, nullptr));
  if (number == nullptr) return "";
  char* text = BN_bn2dec(number.get());
  if (text == nullptr) return "";
  std::string out(text);
  OPENSSL_free(text);
  return out;
}

}  // namespace

sql::TlsConnection DescribeTlsConnection(ssl_st* ssl) {
  sql::TlsConnection tls;
  tls.version = SSL_get_version(ssl);
  tls.cipher = SSL_get_cipher_name(ssl);
  tls.bits = SSL_get_cipher_bits(ssl, nullptr);
  if (X509* peer = SSL_get0_peer_certificate(ssl);
      peer != nullptr && SSL_get_verify_result(ssl) == X509_V_OK) {
    tls.client_dn = NameText(X509_get_subject_name(peer));
    tls.issuer_dn = NameText(X509_get_issuer_name(peer));
    tls.client_serial = SerialText(X509_get_serialNumber(peer));
  }
  return tls;
}

}  // namespace basalt::server
