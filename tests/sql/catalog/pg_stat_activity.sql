-- pg_stat_activity: this session's own row, and the functions that signal
-- sessions, where their results do not depend on other sessions.
SELECT datname, usename, application_name, state, query, backend_type,
       wait_event_type, wait_event, leader_pid, client_hostname, query_id,
       client_addr IS NOT NULL AS has_address, client_port > 0 AS has_port,
       backend_start <= query_start AS started_first,
       xact_start IS NOT NULL AS in_transaction
  FROM pg_stat_activity WHERE pid = pg_backend_pid();
BEGIN;
SELECT state, xact_start <= query_start AS transaction_first
  FROM pg_stat_activity WHERE pid = pg_backend_pid();
COMMIT;
SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid() AND datid = (SELECT oid FROM pg_database WHERE datname = current_database());
-- The signal functions: no such session, NULLs, a negative timeout.
SELECT pg_cancel_backend(0);
SELECT pg_terminate_backend(0);
SELECT pg_terminate_backend(0, 100);
SELECT pg_cancel_backend(NULL), pg_terminate_backend(NULL), pg_terminate_backend(1, NULL);
SELECT pg_terminate_backend(pg_backend_pid(), -1);
SELECT pg_cancel_backend('x');
SELECT proname, provolatile, prorettype::regtype, pronargs, proargtypes::text AS argtypes
  FROM pg_proc WHERE proname IN ('pg_cancel_backend', 'pg_terminate_backend') ORDER BY 1;
