// TLS for client connections: the OpenSSL server context built from the
// `ssl*` settings, and the self-signed development pair made on first start
// when no certificate is configured. Asio's ssl headers stay in tls.cc,
// listener.cc and connection.cc.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/status.h"
#include "server/config.h"
#include "sql/backend_activity.h"
#include "storage/kv_store.h"

namespace boost::asio::ssl {
class context;
}
struct ssl_st;  // OpenSSL's SSL

namespace basalt::server {

// The files of the development pair, in the data directory. The private key
// is a PKCS#8 PEM encrypted with AES-256 under a passphrase derived from the
// master key (nothing under the data directory is plaintext), mode 0600.
inline constexpr const char* kDevCertificateFile = "server.crt";
inline constexpr const char* kDevPrivateKeyFile = "server.key";

// The context every TLS connection uses (TLS 1.2 or newer), or nullptr when
// `ssl = off`. With no ssl_cert_file, uses (and on first start creates) the
// development pair in config.data_dir; `master_key` encrypts its private key.
// A configured key file must not be readable by group or others (0600; 0640
// when owned by root), as PostgreSQL requires.
Result<std::shared_ptr<boost::asio::ssl::context>> MakeTlsContext(
    const ServerConfig& config, const storage::MasterKey& master_key);

// The `tls-server-end-point` channel binding data of the context's
// certificate (RFC 5929): its hash under the certificate's signature digest
// (SHA-256 for MD5 and SHA-1). Empty if it cannot be computed.
std::string TlsServerEndPoint(boost::asio::ssl::context& context);

// What pg_stat_ssl shows of an established connection: protocol, cipher,
// and the client certificate the server verified, if any.
sql::TlsConnection DescribeTlsConnection(ssl_st* ssl);

// Writes a self-signed certificate (EC P-256, 10 years, CN and
// subjectAltName localhost / 127.0.0.1 / ::1) and its private key,
// encrypted under `passphrase` unless it is empty. Fails if either exists.
Status GenerateSelfSignedPair(const std::filesystem::path& certificate_file,
                              const std::filesystem::path& key_file, const std::string& passphrase);

}  // namespace basalt::server
