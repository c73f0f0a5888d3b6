#!/usr/bin/env bash
# Databases as clients use them: CREATE DATABASE, connect to it, objects
# kept apart from other databases', across a restart; DROP DATABASE refused
# (55006) while another session is connected, then done, or done at once
# WITH (FORCE), which ends the other sessions; a dropped
# database is gone after a restart too; template0 refuses connections.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 "$@"; }

q -c "CREATE DATABASE shop" >/dev/null || fail "CREATE DATABASE failed"
q -d shop -c "CREATE TABLE items (id int PRIMARY KEY, name text)" \
  -c "INSERT INTO items VALUES (1, 'lamp')" >/dev/null || fail "no table in the new database"
q -c "CREATE TABLE items (id int, note text)" -c "INSERT INTO items VALUES (7, 'basalt')" >/dev/null
[[ $(q -d shop -c "SELECT name FROM items") == lamp ]] || fail "shop reads another database's table"
[[ $(q -c "SELECT note FROM items") == basalt ]] || fail "basalt reads shop's table"
[[ $(q -d shop -c "SELECT current_database(), count(*) > 0 FROM pg_class WHERE relname = 'pg_class'") == "shop|t" ]] ||
  fail "the new database lacks its system relations"
[[ $(q -d shop -c "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('public', 'pg_catalog', 'information_schema')") == "information_schema,pg_catalog,public" ]] ||
  fail "the new database lacks its schemas"

basalt_stop
basalt_start "$BASALT_BINARY"
[[ $(q -d shop -c "SELECT name FROM items") == lamp ]] || fail "shop's rows did not survive a restart"

# Another session on shop: DROP waits for nobody, it refuses.
psql -X -q -d shop -c "SELECT pg_sleep(3)" >/dev/null &
holder=$!
sleep 0.5
out=$(psql -X -v VERBOSITY=verbose -c "\set VERBOSITY verbose" -c "DROP DATABASE shop" 2>&1 || true)
[[ "$out" == *"55006"*'database "shop" is being accessed by other users'* ]] ||
  fail "DROP DATABASE with a session on it: $out"
[[ "$out" == *"There is 1 other session using the database."* ]] || fail "no DETAIL: $out"
wait "$holder"
q -c "DROP DATABASE shop" >/dev/null || fail "DROP DATABASE failed once alone"
out=$(psql -X -d shop -c "SELECT 1" 2>&1 || true)
[[ "$out" == *'database "shop" does not exist'* ]] || fail "connected to a dropped database: $out"
basalt_stop
basalt_start "$BASALT_BINARY"
[[ $(q -c "SELECT count(*) FROM pg_database WHERE datname = 'shop'") == 0 ]] ||
  fail "the dropped database came back after a restart"
[[ $(q -c "SELECT note FROM items") == basalt ]] || fail "dropping shop touched basalt's table"
# WITH (FORCE) ends the other sessions first, as PostgreSQL 13+ does.
q -c "CREATE DATABASE busy" >/dev/null || fail "CREATE DATABASE busy failed"
psql -X -q -d busy -c "SELECT pg_sleep(30)" > "$WORK_DIR/busy.out" 2>&1 &
holder=$!
sleep 0.5
q -c "DROP DATABASE busy WITH (FORCE)" >/dev/null || fail "DROP DATABASE ... WITH (FORCE) failed"
wait "$holder" && fail "the session on the forced-out database went on"
grep -q "terminating connection due to administrator command" "$WORK_DIR/busy.out" ||
  fail "the forced-out session was not told: $(cat "$WORK_DIR/busy.out")"
[[ $(q -c "SELECT count(*) FROM pg_database WHERE datname = 'busy'") == 0 ]] ||
  fail "DROP DATABASE ... WITH (FORCE) left the database"
# initdb's templates: template1 takes connections, template0 none.
[[ $(q -d template1 -c "SELECT current_database()") == template1 ]] || fail "no session on template1"
out=$(psql -X -d template0 -c "SELECT 1" 2>&1 || true)
[[ "$out" == *'database "template0" is not currently accepting connections'* ]] ||
  fail "connected to template0: $out"
basalt_stop
echo "databases: OK"
