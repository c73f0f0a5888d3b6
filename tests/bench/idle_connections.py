"""Opens N idle connections to a server (startup through ReadyForQuery, over
raw sockets: no driver needed) and prints the server's resident memory per
connection. Usage: idle_connections.py PORT SERVER_PID N [tls]
With `tls` each connection first does SSLRequest and a TLS handshake."""
import socket
import ssl
import struct
import sys


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def connect(port, tls):
    s = socket.create_connection(("127.0.0.1", port))
    if tls:
        s.sendall(struct.pack("!ii", 8, 80877103))
        if s.recv(1) != b"S":
            raise RuntimeError("SSLRequest refused")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        s = context.wrap_socket(s)
    body = struct.pack("!i", 196608) + b"user\0basalt\0database\0basalt\0\0"
    s.sendall(struct.pack("!i", len(body) + 4) + body)
    data = b""
    while True:  # until ReadyForQuery: 'Z', length 5, status
        chunk = s.recv(65536)
        if not chunk:
            raise RuntimeError("connection closed during startup")
        data += chunk
        if len(data) >= 6 and data[-6:-1] == b"Z\0\0\0\x05":
            return s


port, pid, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tls = len(sys.argv) > 4 and sys.argv[4] == "tls"
before = rss_kib(pid)
sockets = [connect(port, tls) for _ in range(count)]
after = rss_kib(pid)
print(f"{count} {before / 1024:.0f} {after / 1024:.0f} {(after - before) / count:.1f}")
for s in sockets:
    s.close()
