# How to run each driver's test program against a server on 127.0.0.1:<port>
# (user basalt, database basalt). Sourced by the *_test.sh scripts, which
# start Basalt first, and by against_postgres.sh, which starts PostgreSQL 15.
CLIENTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLIENTS_CACHE=${BASALT_CLIENTS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/basalt-clients}

run_psycopg() {  # <port>
  /usr/bin/python3 -c 'import psycopg' 2>/dev/null ||
    { echo "psycopg 3 is missing: apt-get install python3-psycopg" >&2; return 1; }
  /usr/bin/python3 -c 'import psycopg2' 2>/dev/null ||
    { echo "psycopg2 is missing: apt-get install python3-psycopg2" >&2; return 1; }
  /usr/bin/python3 "$CLIENTS_DIR/psycopg_test.py" "$@"
}

run_type_roundtrip() {  # <port>
  for module in psycopg psycopg2; do
    /usr/bin/python3 -c "import $module" 2>/dev/null ||
      { echo "$module is missing: apt-get install python3-$module" >&2; return 1; }
  done
  /usr/bin/python3 "$CLIENTS_DIR/type_roundtrip.py" "$@"
}

run_asyncpg() {  # <port> [step...]
  /usr/bin/python3 -c 'import asyncpg' 2>/dev/null ||
    { echo "asyncpg is missing: apt-get install python3-asyncpg" >&2; return 1; }
  /usr/bin/python3 "$CLIENTS_DIR/asyncpg_test.py" "$@"
}

run_sqlalchemy() {  # <port> [step...]
  for module in sqlalchemy psycopg2 asyncpg; do
    /usr/bin/python3 -c "import $module" 2>/dev/null ||
      { echo "$module is missing: apt-get install python3-$module" >&2; return 1; }
  done
  /usr/bin/python3 "$CLIENTS_DIR/sqlalchemy_test.py" "$@"
}

run_pgjdbc() {  # <port> [step...]
  run_pgjdbc_program PgjdbcTest "$@"
}

# run_pgjdbc_program <class> [arg...]: tests/clients/<class>.java, compiled
# into a temporary directory.
run_pgjdbc_program() {
  local jar=/usr/share/java/postgresql.jar program=$1
  shift
  [[ -f $jar ]] || { echo "pgjdbc is missing: apt-get install libpostgresql-jdbc-java" >&2; return 1; }
  command -v javac >/dev/null ||
    { echo "javac is missing: apt-get install default-jdk-headless" >&2; return 1; }
  local classes status=0
  classes=$(mktemp -d /tmp/basalt-pgjdbc.XXXXXX)
  javac -d "$classes" -cp "$jar" "$CLIENTS_DIR/$program.java" &&
    java -cp "$jar:$classes" "$program" "$@" || status=$?
  rm -rf "$classes"
  return $status
}

# node-postgres comes from the npm registry at the version package-lock.json
# pins, installed once per lock file into a cache outside the source tree.
run_node_postgres() {  # <port> [step...]
  command -v npm >/dev/null || { echo "node and npm are missing" >&2; return 1; }
  local lock_hash modules tmp
  lock_hash=$(cat "$CLIENTS_DIR/node/package.json" "$CLIENTS_DIR/node/package-lock.json" |
              sha256sum | cut -c1-16)
  modules=$CLIENTS_CACHE/node-$lock_hash
  if [[ ! -d $modules/node_modules ]]; then
    mkdir -p "$CLIENTS_CACHE"
    tmp=$(mktemp -d "$CLIENTS_CACHE/install.XXXXXX")
    cp "$CLIENTS_DIR/node/package.json" "$CLIENTS_DIR/node/package-lock.json" "$tmp/"
    (cd "$tmp" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      { rm -rf "$tmp"; echo "npm ci failed" >&2; return 1; }
    # Another run may have finished first; either copy is the same.
    mv -T "$tmp" "$modules" 2>/dev/null || rm -rf "$tmp"
  fi
  NODE_PATH=$modules/node_modules node "$CLIENTS_DIR/node/node_postgres_test.js" "$@"
}

run_copy_clients() {  # <port> [step...]
  for module in psycopg2 psycopg asyncpg; do
    /usr/bin/python3 -c "import $module" 2>/dev/null ||
      { echo "$module is missing: apt-get install python3-$module" >&2; return 1; }
  done
  /usr/bin/python3 "$CLIENTS_DIR/copy_test.py" "$@"
}
