#!/usr/bin/env bash
# TLS (sslmode=require / verify-full against a CA made here, the development
# certificate, ssl = off; pg_stat_ssl), hba rules (trust, reject, password, md5,
# scram-sha-256, hostssl / hostnossl, no matching line, SIGHUP reload),
# roles' login checks, and CancelRequest over TLS, with psql, psycopg2 and
# a raw-protocol client (tests/client/tls_auth.py).
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
"$PY" -c 'import psycopg2' 2>/dev/null || { echo "SKIP: python3-psycopg2 is not installed"; exit 0; }

# A CA and a server certificate for localhost / 127.0.0.1 it signed; and a
# second CA that signed nothing.
make_ca() {  # <name>
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=basalt test $1" -keyout "$WORK_DIR/$1.key" -out "$WORK_DIR/$1.crt" 2>/dev/null
}
make_ca ca
make_ca other-ca
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$WORK_DIR/server.key" -out "$WORK_DIR/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$WORK_DIR/san.ext"
openssl x509 -req -in "$WORK_DIR/server.csr" -CA "$WORK_DIR/ca.crt" -CAkey "$WORK_DIR/ca.key" \
  -CAcreateserial -days 2 -extfile "$WORK_DIR/san.ext" -out "$WORK_DIR/server.crt" 2>/dev/null
chmod 600 "$WORK_DIR/server.key"
# Client certificates: one the server's ssl_ca_file vouches for, one it does not.
make_client_certificate() {  # <name> <signing CA> [CN]
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${3:-basalt}" \
    -keyout "$WORK_DIR/$1.key" -out "$WORK_DIR/$1.csr" 2>/dev/null
  openssl x509 -req -in "$WORK_DIR/$1.csr" -CA "$WORK_DIR/$2.crt" -CAkey "$WORK_DIR/$2.key" \
    -CAcreateserial -days 2 -out "$WORK_DIR/$1.crt" 2>/dev/null
  chmod 600 "$WORK_DIR/$1.key"
}
make_client_certificate client ca
make_client_certificate stranger other-ca
make_client_certificate certuser ca certuser
make_client_certificate ccuser ca ccuser

HBA="$WORK_DIR/hba.conf"
write_hba() {  # <method for user "rejected">
  cat > "$HBA" <<HBA
# TYPE    DATABASE USER               ADDRESS       METHOD
host      all      basalt             127.0.0.1/32  trust
hostssl   all      rejected           127.0.0.1/32  $1
hostnossl all      ssl_only           127.0.0.1/32  reject
hostssl   all      md5_user,md5_scram 127.0.0.1/32  md5
hostssl   all      certuser           127.0.0.1/32  cert
hostssl   all      ccuser             127.0.0.1/32  scram-sha-256 clientcert=verify-full
host      all      pw_user            127.0.0.1     255.255.255.255 password
hostssl   all      all                127.0.0.1/32  scram-sha-256
HBA
}
write_hba reject
CONF="$WORK_DIR/basalt.conf"
cat > "$CONF" <<CONF
ssl = on
ssl_cert_file = '$WORK_DIR/server.crt'
ssl_key_file = '$WORK_DIR/server.key'
ssl_ca_file = '$WORK_DIR/ca.crt'
hba_file = '$HBA'
CONF

phase() { "$PY" "$HERE/tls_auth.py" "$1" "$PORT" "$WORK_DIR" || fail "phase $1"; }

BASALT_EXTRA_ARGS="--config $CONF" basalt_start "$1"
phase tls
# psql: sslmode=require and verify-full.
psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=require" -X -c '\conninfo' |
  grep -q 'SSL connection (protocol: TLSv1' || fail "psql sslmode=require has no TLS"
psql "host=localhost port=$PORT user=basalt dbname=basalt sslmode=verify-full sslrootcert=$WORK_DIR/ca.crt" \
  -X -At -c 'SELECT 42' | grep -qx 42 || fail "psql verify-full"
# ssl_ca_file: a client certificate, when sent, must come from that CA.
psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=require sslcert=$WORK_DIR/client.crt sslkey=$WORK_DIR/client.key" \
  -X -At -c 'SELECT 7' | grep -qx 7 || fail "client certificate from the CA refused"
# pg_stat_ssl: the protocol and cipher, the verified client certificate's
# subject, issuer and serial (decimal); an unencrypted session's row says so.
serial=$("$PY" -c "print(int('$(openssl x509 -in "$WORK_DIR/client.crt" -noout -serial | cut -d= -f2)', 16))")
got=$(psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=require sslcert=$WORK_DIR/client.crt sslkey=$WORK_DIR/client.key" \
  -X -At -c "SELECT ssl, version LIKE 'TLSv1._', cipher <> '', bits >= 128, client_dn, issuer_dn,
                    client_serial FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
[[ "$got" == "t|t|t|t|CN=basalt|CN=basalt test ca|$serial" ]] || fail "pg_stat_ssl with a certificate: $got"
got=$(psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=require" -X -At \
  -c "SELECT ssl, client_dn IS NULL, client_serial IS NULL FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
[[ "$got" == "t|t|t" ]] || fail "pg_stat_ssl without a certificate: $got"
got=$(psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=disable" -X -At \
  -c "SELECT ssl, version IS NULL, cipher IS NULL FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
[[ "$got" == "f|t|t" ]] || fail "pg_stat_ssl of an unencrypted session: $got"
psql "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=require sslcert=$WORK_DIR/stranger.crt sslkey=$WORK_DIR/stranger.key" \
  -X -c 'SELECT 1' 2>/dev/null && fail "a client certificate from another CA was accepted"
# The server logs the refusal after the client has seen it: wait for the line.
refused() { grep -q 'could not accept SSL connection: certificate verify failed' "$LOG_FILE"; }
for _ in $(seq 1 50); do refused && break; sleep 0.1; done
refused || fail "the stranger's certificate was not refused by the server"
phase roles
phase auth
# The cert method and clientcert=verify-full: the certificate's CN must be the user.
conn() {  # <user> <certificate name or ""> -> runs SELECT 1, stderr to $WORK_DIR/err
  local extra=""
  [[ -z "$2" ]] || extra="sslcert=$WORK_DIR/$2.crt sslkey=$WORK_DIR/$2.key"
  psql "host=127.0.0.1 port=$PORT user=$1 dbname=basalt sslmode=require $extra" \
    -X -At -c 'SELECT 1' 2>"$WORK_DIR/err"
}
conn certuser certuser | grep -qx 1 || fail "cert method with a matching CN: $(cat "$WORK_DIR/err")"
! conn certuser "" || fail "cert method without a certificate"
grep -q 'connection requires a valid client certificate' "$WORK_DIR/err" || fail "$(cat "$WORK_DIR/err")"
! conn certuser client || fail "cert method with another CN"
grep -q 'certificate authentication failed for user "certuser"' "$WORK_DIR/err" ||
  fail "$(cat "$WORK_DIR/err")"
PGPASSWORD=cc conn ccuser ccuser | grep -qx 1 || fail "clientcert=verify-full: $(cat "$WORK_DIR/err")"
! PGPASSWORD=cc conn ccuser client || fail "clientcert=verify-full with another CN"
grep -q 'password authentication failed for user "ccuser"' "$WORK_DIR/err" ||
  fail "$(cat "$WORK_DIR/err")"
# psql with a password: SCRAM, and a wrong one.
PGPASSWORD=scram-pw psql "host=127.0.0.1 port=$PORT user=scram_user dbname=basalt sslmode=require" \
  -X -At -c 'SELECT 1' | grep -qx 1 || fail "psql SCRAM login"
# SCRAM-SHA-256-PLUS: bound to the server's certificate over TLS, never
# offered in the clear.
PGPASSWORD=scram-pw psql "host=127.0.0.1 port=$PORT user=scram_user dbname=basalt sslmode=require channel_binding=require" \
  -X -At -c 'SELECT 1' | grep -qx 1 || fail "psql channel_binding=require"
PGPASSWORD=pw psql "host=127.0.0.1 port=$PORT user=pw_user dbname=basalt sslmode=disable channel_binding=require" \
  -X -c 'SELECT 1' 2>/dev/null && fail "channel_binding=require without TLS connected"
! PGPASSWORD=nope psql "host=127.0.0.1 port=$PORT user=scram_user dbname=basalt sslmode=require" \
  -X -c 'SELECT 1' 2>"$WORK_DIR/psql.err" || fail "psql logged in with a wrong password"
grep -q 'password authentication failed for user "scram_user"' "$WORK_DIR/psql.err" ||
  fail "psql wrong password: $(cat "$WORK_DIR/psql.err")"
phase cancel

# SIGHUP: the new rules apply to new connections; a broken file keeps them.
write_hba trust
kill -HUP "$BASALT_PID"
sleep 0.5
phase reloaded
echo "host all all 127.0.0.1/32 magic" > "$HBA"
kill -HUP "$BASALT_PID"
sleep 0.5
grep -q 'not reloaded, the old rules stay' "$LOG_FILE" || fail "broken hba file not reported"
phase reloaded
basalt_stop

# ssl = off: SSLRequest is answered N.
printf 'ssl = off\n' > "$CONF"
BASALT_EXTRA_ARGS="--config $CONF" basalt_start "$1"
phase ssl_off
basalt_stop

# No certificate configured: a development pair in the data directory,
# private key encrypted and 0600; the default rules trust loopback.
rm -rf "$DATA_DIR"
basalt_start "$1"
phase dev_certificate
basalt_stop
echo "TLS and authentication: OK"
