-- LOCK TABLE: syntax, modes, errors; advisory lock functions in one
-- session; deadlock_timeout; pg_locks of the session's own locks.
CREATE TABLE lk (id int PRIMARY KEY, v int);
INSERT INTO lk VALUES (1, 10);

-- Only inside a transaction block.
LOCK TABLE lk;
BEGIN;
LOCK lk;
LOCK TABLE lk IN ACCESS SHARE MODE;
LOCK TABLE ONLY lk IN ROW SHARE MODE NOWAIT;
LOCK TABLE lk * IN ROW EXCLUSIVE MODE;
LOCK TABLE lk IN SHARE UPDATE EXCLUSIVE MODE;
LOCK TABLE lk IN SHARE MODE;
LOCK TABLE lk IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE lk IN EXCLUSIVE MODE;
LOCK TABLE lk IN ACCESS EXCLUSIVE MODE NOWAIT;
SELECT locktype, mode, granted FROM pg_locks WHERE locktype = 'relation' AND mode <> 'AccessShareLock' ORDER BY mode;
COMMIT;
BEGIN;
LOCK TABLE lk IN SHARE MODE;
SELECT locktype, mode, granted FROM pg_locks WHERE locktype = 'relation' AND mode = 'ShareLock';
ROLLBACK;
SELECT locktype, mode, granted FROM pg_locks WHERE locktype = 'relation' AND mode = 'ShareLock';

-- Errors.
BEGIN;
LOCK TABLE missing_table;
ROLLBACK;
BEGIN;
LOCK TABLE lk IN FANCY MODE;
ROLLBACK;
BEGIN;
LOCK TABLE lk IN ROW MODE;
ROLLBACK;
BEGIN READ ONLY;
LOCK TABLE lk IN ROW EXCLUSIVE MODE;
LOCK TABLE lk IN SHARE MODE;
ROLLBACK;

-- Locks taken after a savepoint go with ROLLBACK TO.
BEGIN;
LOCK TABLE lk IN ACCESS SHARE MODE;
SAVEPOINT s;
LOCK TABLE lk IN EXCLUSIVE MODE;
SELECT mode FROM pg_locks WHERE locktype = 'relation' AND mode = 'ExclusiveLock';
ROLLBACK TO s;
SELECT mode FROM pg_locks WHERE locktype = 'relation' AND mode = 'ExclusiveLock';
COMMIT;

-- Advisory locks: results, types, and what pg_locks shows.
SELECT pg_advisory_lock(1), pg_try_advisory_lock(1), pg_advisory_lock_shared(2, 3);
SELECT pg_typeof(pg_try_advisory_lock(5)), pg_typeof(pg_advisory_unlock(5));
SELECT locktype, classid, objid, objsubid, mode, granted FROM pg_locks WHERE locktype = 'advisory' ORDER BY objid, mode;
SELECT pg_advisory_unlock(1), pg_advisory_unlock(1), pg_advisory_unlock(1);
SELECT pg_advisory_unlock_shared(2, 3), pg_advisory_unlock(2, 3);
SELECT pg_advisory_lock(-1), pg_advisory_lock(9223372036854775807);
SELECT locktype, classid, objid, objsubid FROM pg_locks WHERE locktype = 'advisory' ORDER BY classid, objid;
SELECT pg_advisory_unlock_all();
SELECT locktype FROM pg_locks WHERE locktype = 'advisory';
SELECT pg_advisory_lock(NULL), pg_try_advisory_lock(NULL, 1);
SELECT pg_advisory_xact_lock(10), pg_try_advisory_xact_lock_shared(11);
SELECT locktype FROM pg_locks WHERE locktype = 'advisory';
BEGIN;
SELECT pg_advisory_xact_lock(10), pg_advisory_lock(12);
SELECT objid, mode FROM pg_locks WHERE locktype = 'advisory' ORDER BY objid;
ROLLBACK;
SELECT objid, mode FROM pg_locks WHERE locktype = 'advisory' ORDER BY objid;
SELECT pg_advisory_unlock_all();
SELECT pg_advisory_lock('12');
SELECT pg_advisory_unlock_all();
SELECT pg_advisory_lock(1.5);
SELECT pg_advisory_lock(1, 2, 3);
SELECT pg_advisory_lock(4000000000, 1);
SELECT pg_advisory_lock('x');
SELECT pg_advisory_unlock_all(1);
SELECT pg_backend_pid() > 0;

-- deadlock_timeout.
SHOW deadlock_timeout;
SET deadlock_timeout = '250ms';
SHOW deadlock_timeout;
SET deadlock_timeout = 2000;
SHOW deadlock_timeout;
SET deadlock_timeout = 'soon';
RESET deadlock_timeout;
SHOW deadlock_timeout;

-- pg_locks is a view, with PostgreSQL's column types.
SELECT pg_typeof(locktype), pg_typeof(database), pg_typeof(relation), pg_typeof(page),
       pg_typeof(tuple), pg_typeof(transactionid), pg_typeof(objsubid), pg_typeof(pid),
       pg_typeof(granted), pg_typeof(waitstart)
  FROM pg_locks WHERE locktype = 'relation' LIMIT 1;
SELECT pg_typeof(pg_blocking_pids(pg_backend_pid())), pg_blocking_pids(pg_backend_pid());
UPDATE pg_locks SET pid = 1;
DELETE FROM pg_locks;
INSERT INTO pg_locks (pid) VALUES (1);
TRUNCATE pg_locks;
DROP TABLE pg_locks;
DROP TABLE lk;
