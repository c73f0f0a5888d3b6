-- pg_settings: PostgreSQL 15's description of each setting, with the
-- session's value in the setting's unit, where it came from, and the
-- values RESET and the server start with.
SELECT name, setting, unit, category, short_desc, extra_desc, context, vartype,
       source, min_val, max_val, enumvals, boot_val, reset_val, sourcefile,
       sourceline, pending_restart
  FROM pg_settings
 WHERE name IN ('work_mem', 'maintenance_work_mem', 'statement_timeout',
                'deadlock_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout',
                'min_parallel_table_scan_size', 'max_index_keys', 'max_identifier_length',
                'max_function_args', 'block_size', 'extra_float_digits', 'enable_seqscan',
                'bytea_output', 'client_min_messages', 'default_transaction_isolation',
                'search_path', 'IntervalStyle', 'synchronous_commit', 'row_security',
                'default_transaction_read_only', 'integer_datetimes',
                'standard_conforming_strings', 'password_encryption')
 ORDER BY name;
-- A session's own values.
SET work_mem = '8MB';
SET statement_timeout = '2min';
SET enable_seqscan = off;
SELECT name, setting, source, reset_val FROM pg_settings
 WHERE name IN ('work_mem', 'statement_timeout', 'enable_seqscan') ORDER BY name;
RESET ALL;
SELECT name, setting, source FROM pg_settings
 WHERE name IN ('work_mem', 'statement_timeout', 'enable_seqscan') ORDER BY name;
-- pgjdbc's probe, and the settings PostgreSQL does not list.
SELECT setting FROM pg_catalog.pg_settings WHERE name = 'max_index_keys';
SELECT count(*) FROM pg_settings WHERE name IN ('is_superuser', 'session_authorization');
