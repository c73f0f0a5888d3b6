-- What connection pools send when a connection goes back to the pool
-- (asyncpg: SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;)
-- and DISCARD.
\set QUIET off
SELECT pg_advisory_lock(7);
SET application_name = 'pooled';
SET statement_timeout = '5s';
SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;
SHOW application_name;
SHOW statement_timeout;
SELECT locktype FROM pg_locks WHERE locktype = 'advisory';
UNLISTEN some_channel;
CLOSE ALL;
CLOSE no_such_cursor;
CLOSE "Quoted";
SELECT pg_advisory_lock(8);
SET work_mem = '64MB';
DISCARD ALL;
SHOW work_mem;
SELECT locktype FROM pg_locks WHERE locktype = 'advisory';
DISCARD PLANS;
DISCARD SEQUENCES;
DISCARD TEMP;
DISCARD TEMPORARY;
BEGIN;
DISCARD ALL;
ROLLBACK;
BEGIN;
DISCARD PLANS;
CLOSE ALL;
UNLISTEN *;
COMMIT;
DISCARD EVERYTHING;
CLOSE;
UNLISTEN;
