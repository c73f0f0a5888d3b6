"""What the Python benchmarks share: an autocommit connection to either
server (plain TCP, as the reference PostgreSQL has no TLS) and a statement
run to completion."""
import psycopg2


def connect(port):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt",
                            sslmode="disable")
    conn.autocommit = True
    return conn


def execute(conn, sql):
    """Runs sql; its rows when it returns any."""
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall() if cur.description else None
