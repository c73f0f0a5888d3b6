"""TLS, client authentication and roles, as real clients meet them: libpq
(through psycopg2) and a small raw-protocol client that reads the SQLSTATE
of connection errors (libpq does not expose it). Run by tls_auth_test.sh,
which starts the server with the certificates and hba file named below.

Usage: tls_auth.py <phase> <port> <work dir>
"""
import hashlib
import hmac
import os
import socket
import ssl
import struct
import sys
import threading
import time
import base64

import psycopg2
import psycopg2.errors

PHASE, PORT, WORK = sys.argv[1], int(sys.argv[2]), sys.argv[3]
CA = os.path.join(WORK, "ca.crt")


def fail(message):
    print("FAIL:", message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def connect(user="basalt", password=None, sslmode="require", host="127.0.0.1", **extra):
    args = dict(host=host, port=PORT, dbname="basalt", user=user, sslmode=sslmode,
                connect_timeout=5)
    if password is not None:
        args["password"] = password
    args.update(extra)
    return psycopg2.connect(**args)


def connect_error(**kwargs):
    try:
        connect(**kwargs).close()
    except psycopg2.OperationalError as e:
        return str(e)
    return None


# --- a raw protocol client -------------------------------------------------

class Raw:
    def __init__(self, tls=False):
        self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        if tls:
            self.sock.sendall(struct.pack("!ii", 8, 80877103))
            answer = self.sock.recv(1)
            check(answer == b"S", f"SSLRequest answered {answer!r}")
            context = ssl.create_default_context(cafile=CA)
            context.check_hostname = False
            self.sock = context.wrap_socket(self.sock)
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def message(self, kind, payload):
        self.send(kind + struct.pack("!i", len(payload) + 4) + payload)

    def read(self):
        while len(self.buffer) < 5 or len(self.buffer) < 1 + struct.unpack("!i", self.buffer[1:5])[0]:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None, b""
            self.buffer += chunk
        length = struct.unpack("!i", self.buffer[1:5])[0]
        kind, payload = self.buffer[:1], self.buffer[5:1 + length]
        self.buffer = self.buffer[1 + length:]
        return kind, payload

    def startup(self, user, database="basalt"):
        body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0" + \
            database.encode() + b"\0\0"
        self.send(struct.pack("!i", len(body) + 4) + body)


def error_fields(payload):
    fields = {}
    for part in payload.split(b"\0"):
        if part:
            fields[chr(part[0])] = part[1:].decode()
    return fields


def raw_login(user, password, tls=True, database="basalt"):
    """Logs in answering whatever the server asks; returns ("ok", raw) or
    (SQLSTATE, message)."""
    raw = Raw(tls)
    raw.startup(user, database)
    scram = None
    while True:
        kind, payload = raw.read()
        if kind is None:
            return ("closed", "")
        if kind == b"E":
            f = error_fields(payload)
            return (f.get("C"), f.get("M"))
        if kind == b"Z":
            return ("ok", raw)
        if kind != b"R":
            continue
        code = struct.unpack("!i", payload[:4])[0]
        if code == 3:
            raw.message(b"p", password.encode() + b"\0")
        elif code == 5:
            salt = payload[4:8]
            inner = hashlib.md5((password + user).encode()).hexdigest().encode()
            raw.message(b"p", b"md5" + hashlib.md5(inner + salt).hexdigest().encode() + b"\0")
        elif code == 10:
            mechanisms = payload[4:].split(b"\0")
            check(b"SCRAM-SHA-256" in mechanisms, f"SASL mechanisms {payload!r}")
            # -PLUS (channel binding) only over TLS.
            check((b"SCRAM-SHA-256-PLUS" in mechanisms) == tls, f"SASL mechanisms {payload!r}")
            nonce = base64.b64encode(os.urandom(18)).decode()
            first_bare = f"n=,r={nonce}"
            data = ("n,," + first_bare).encode()
            raw.message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(data)) + data)
            scram = (first_bare, nonce)
        elif code == 11:
            server_first = payload[4:].decode()
            attrs = dict(a.split("=", 1) for a in server_first.split(","))
            check(attrs["r"].startswith(scram[1]), "server nonce does not extend ours")
            salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(attrs["s"]),
                                         int(attrs["i"]))
            client_key = hmac.new(salted, b"Client Key", "sha256").digest()
            stored_key = hashlib.sha256(client_key).digest()
            without_proof = f"c=biws,r={attrs['r']}"
            auth_message = f"{scram[0]},{server_first},{without_proof}".encode()
            signature = hmac.new(stored_key, auth_message, "sha256").digest()
            proof = bytes(a ^ b for a, b in zip(client_key, signature))
            raw.message(b"p", f"{without_proof},p={base64.b64encode(proof).decode()}".encode())
            server_key = hmac.new(salted, b"Server Key", "sha256").digest()
            scram = scram + (hmac.new(server_key, auth_message, "sha256").digest(),)
        elif code == 12:
            expected = "v=" + base64.b64encode(scram[2]).decode()
            check(payload[4:].decode() == expected, "wrong server signature")
        elif code == 0:
            pass


def expect_login_error(user, password, sqlstate, message, tls=True):
    got = raw_login(user, password, tls)
    check(got == (sqlstate, message), f"{user}: expected {sqlstate} {message!r}, got {got!r}")


# --- phases ------------------------------------------------------------------

def phase_tls():
    # sslmode=require, and verify-full against the test's CA for "localhost".
    with connect(sslmode="require") as conn:
        check(conn.info.ssl_in_use, "sslmode=require without TLS")
        check(conn.info.ssl_attribute("protocol") in ("TLSv1.2", "TLSv1.3"),
              f"protocol {conn.info.ssl_attribute('protocol')}")
    conn = connect(sslmode="verify-full", sslrootcert=CA, host="localhost")
    cur = conn.cursor()
    cur.execute("SELECT 1")
    check(cur.fetchone() == (1,), "query over verify-full")
    # A result far past the 64 KiB the server buffers: streamed by the
    # worker's blocking writes through the TLS stream.
    cur.execute("SELECT g, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' "
                "FROM generate_series(1, 200000) g")
    rows = cur.fetchall()
    check(len(rows) == 200000 and rows[-1][0] == 200000, "large result over TLS")
    conn.close()
    # A CA that did not sign the server's certificate is refused by the client.
    other_ca = os.path.join(WORK, "other-ca.crt")
    error = connect_error(sslmode="verify-full", sslrootcert=other_ca, host="localhost")
    check(error is not None and "certificate verify failed" in error, f"other CA: {error}")
    # verify-full checks the name: basalt.invalid is not in the certificate.
    error = connect_error(sslmode="verify-full", sslrootcert=CA, host="basalt.invalid",
                          hostaddr="127.0.0.1")
    check(error is not None and "does not match host name" in error, f"wrong host: {error}")
    # GSSENCRequest is answered N.
    s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    s.sendall(struct.pack("!ii", 8, 80877104))
    check(s.recv(1) == b"N", "GSSENCRequest not answered N")
    s.close()
    # Plain bytes after an SSLRequest, before the handshake: 08P01.
    s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    s.sendall(struct.pack("!ii", 8, 80877103) + struct.pack("!ii", 8, 196608))
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    check(b"received unencrypted data after SSL request" in data, f"unencrypted data: {data!r}")


def phase_roles():
    conn = connect()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE ROLE scram_user LOGIN PASSWORD 'scram-pw'")
    cur.execute("ALTER ROLE scram_user SET statement_timeout = '7s'")
    cur.execute("SET password_encryption = 'md5'")
    cur.execute("CREATE ROLE md5_user LOGIN PASSWORD 'md5-pw'")
    cur.execute("CREATE ROLE md5_scram LOGIN PASSWORD 'x'")
    cur.execute("RESET password_encryption")
    cur.execute("ALTER ROLE md5_scram PASSWORD 'ms-pw'")  # now a SCRAM verifier
    cur.execute("CREATE ROLE pw_user LOGIN PASSWORD 'pw'")
    cur.execute("CREATE ROLE rejected LOGIN PASSWORD 'r'")
    cur.execute("CREATE ROLE ssl_only LOGIN PASSWORD 'so'")
    cur.execute("CREATE ROLE nologin_user PASSWORD 'nl'")
    cur.execute("CREATE ROLE expired LOGIN PASSWORD 'ex' VALID UNTIL '2001-01-01'")
    cur.execute("CREATE ROLE limited LOGIN PASSWORD 'li' CONNECTION LIMIT 1")
    cur.execute("CREATE ROLE nopass LOGIN")
    cur.execute("CREATE ROLE certuser LOGIN")
    cur.execute("CREATE ROLE ccuser LOGIN PASSWORD 'cc'")
    conn.close()


def phase_auth():
    # SCRAM (libpq, then the raw client checking the server's signature).
    conn = connect("scram_user", "scram-pw")
    cur = conn.cursor()
    cur.execute("SHOW statement_timeout")
    check(cur.fetchone() == ("7s",), "ALTER ROLE SET not applied at login")
    conn.close()
    check(raw_login("scram_user", "scram-pw")[0] == "ok", "raw SCRAM login")
    failed = 'password authentication failed for user "{}"'
    expect_login_error("scram_user", "wrong", "28P01", failed.format("scram_user"))
    error = connect_error(user="scram_user", password="wrong")
    check(error is not None and failed.format("scram_user") in error, f"libpq: {error}")
    # A role that does not exist, has no password, or whose password expired:
    # the same answer, after the same exchange.
    expect_login_error("ghost", "x", "28P01", failed.format("ghost"))
    expect_login_error("nopass", "", "28P01", failed.format("nopass"))
    expect_login_error("expired", "ex", "28P01", failed.format("expired"))
    timings = {}
    for user, password in (("scram_user", "wrong"), ("ghost", "wrong")):
        start = time.monotonic()
        for _ in range(5):
            raw_login(user, password)
        timings[user] = (time.monotonic() - start) / 5
    check(timings["ghost"] > timings["scram_user"] / 3 and
          timings["ghost"] < timings["scram_user"] * 3, f"timings differ: {timings}")
    # md5: an md5 password answers the md5 challenge; a SCRAM verifier under
    # an md5 line is asked for with SCRAM (as PostgreSQL).
    connect("md5_user", "md5-pw").close()
    expect_login_error("md5_user", "nope", "28P01", failed.format("md5_user"))
    connect("md5_scram", "ms-pw").close()
    check(raw_login("md5_scram", "ms-pw")[0] == "ok", "SCRAM under an md5 line")
    # password (clear text, on a plain connection here).
    connect("pw_user", "pw", sslmode="disable").close()
    expect_login_error("pw_user", "nope", "28P01", failed.format("pw_user"), tls=False)
    # hba: reject, no matching line, hostssl / hostnossl.
    expect_login_error("rejected", "r", "28000",
                       'pg_hba.conf rejects connection for host "127.0.0.1", user "rejected", '
                       'database "basalt", SSL encryption')
    expect_login_error("scram_user", "scram-pw", "28000",
                       'no pg_hba.conf entry for host "127.0.0.1", user "scram_user", '
                       'database "basalt", no encryption', tls=False)
    error = connect_error(user="scram_user", password="scram-pw", sslmode="disable")
    check(error is not None and "no pg_hba.conf entry" in error, f"libpq no entry: {error}")
    connect("ssl_only", "so").close()
    expect_login_error("ssl_only", "so", "28000",
                       'pg_hba.conf rejects connection for host "127.0.0.1", user "ssl_only", '
                       'database "basalt", no encryption', tls=False)
    # rolcanlogin, checked once the password is right.
    expect_login_error("nologin_user", "nl", "28000",
                       'role "nologin_user" is not permitted to log in')
    # CONNECTION LIMIT.
    first = connect("limited", "li")
    expect_login_error("limited", "li", "53300", 'too many connections for role "limited"')
    first.close()
    time.sleep(0.2)
    connect("limited", "li").close()


def phase_cancel():
    # psycopg2's cancel (libpq's PQcancel) from another thread, the session
    # itself on TLS.
    conn = connect()
    check(conn.info.ssl_in_use, "cancel test without TLS")
    cur = conn.cursor()
    result = {}

    def run():
        start = time.monotonic()
        try:
            cur.execute("SELECT pg_sleep(30)")
            result["error"] = None
        except psycopg2.errors.QueryCanceled as e:
            result["error"] = e.pgcode
        result["elapsed"] = time.monotonic() - start

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    conn.cancel()
    thread.join(10)
    check(result.get("error") == "57014", f"pg_sleep not cancelled: {result}")
    # pg_sleep started about 0.5 s before the cancel: it must end within a
    # second of it.
    check(result["elapsed"] < 1.5, f"cancel took too long: {result}")
    conn.rollback()
    cur.execute("SELECT 1")  # the session stays usable
    check(cur.fetchone() == (1,), "session unusable after cancel")
    conn.close()

    # A CancelRequest that itself arrives over TLS (libpq 17 does that), for
    # a session on TLS whose BackendKeyData the raw client keeps.
    raw2 = Raw(tls=True)
    raw2.startup("basalt")
    key = None
    while True:
        kind, payload = raw2.read()
        if kind == b"K":
            key = struct.unpack("!ii", payload)
        if kind == b"Z":
            break
    raw2.message(b"Q", b"SELECT pg_sleep(30)\0")
    time.sleep(0.3)
    started = time.monotonic()
    canceller = Raw(tls=True)
    canceller.send(struct.pack("!iiii", 16, 80877102, key[0], key[1]))
    while True:
        kind, payload = raw2.read()
        check(kind is not None, "connection closed instead of 57014")
        if kind == b"E":
            code = error_fields(payload)["C"]
            check(code == "57014", f"TLS cancel gave {code}")
            break
    check(time.monotonic() - started < 1.0, "TLS cancel took more than a second")
    # A wrong secret cancels nothing.
    raw2.read()  # ReadyForQuery
    raw2.message(b"Q", b"SELECT pg_sleep(0.5)\0")
    Raw(tls=True).send(struct.pack("!iiii", 16, 80877102, key[0], key[1] ^ 1))
    kind, payload = raw2.read()
    while kind not in (b"E", b"C"):
        kind, payload = raw2.read()
    check(kind == b"C", "a wrong secret cancelled the statement")


def phase_reloaded():
    # After SIGHUP with the new file: `rejected` is trusted over TLS.
    check(raw_login("rejected", "")[0] == "ok", "hba reload not applied")


def phase_ssl_off():
    error = connect_error(sslmode="require")
    check(error is not None and "server does not support SSL" in error, f"ssl=off: {error}")
    conn = connect(sslmode="prefer")
    check(not conn.info.ssl_in_use, "TLS in use with ssl = off")
    conn.close()


def phase_dev_certificate():
    data_dir = os.path.join(WORK, "data")
    key = os.path.join(data_dir, "server.key")
    check(oct(os.stat(key).st_mode & 0o777) == "0o600", "server.key is not 0600")
    with open(key) as f:
        check("ENCRYPTED PRIVATE KEY" in f.read(), "server.key is stored in clear")
    conn = connect(sslmode="verify-full", sslrootcert=os.path.join(data_dir, "server.crt"),
                   host="localhost")
    check(conn.info.ssl_in_use, "no TLS with the development certificate")
    conn.close()


globals()["phase_" + PHASE]()
print(f"{PHASE}: OK")
