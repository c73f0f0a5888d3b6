-- current_setting and set_config over the session settings: values as SHOW
-- prints them, custom (dotted) names, missing_ok, is_local (the block or,
-- outside one, the statement's implicit transaction), ROLLBACK undoing a
-- change, NULL arguments, qualified names and the errors with SQLSTATEs.
-- After each error, psql's LAST_ERROR_SQLSTATE shows its code.
SELECT current_setting('search_path'), current_setting('DateStyle'), current_setting('datestyle');
SELECT pg_catalog.current_setting('extra_float_digits') AS efd;
SELECT set_config('extra_float_digits', '2', false);
SHOW extra_float_digits;
SELECT set_config('statement_timeout', '5000', false), current_setting('statement_timeout');
RESET statement_timeout;
SELECT set_config('myapp.user_id', '42', false);
SELECT current_setting('myapp.user_id'), current_setting('MyApp.User_Id');
SELECT current_setting('myapp.missing', true) IS NULL AS missing_is_null;
SELECT current_setting('myapp.missing');
\echo :LAST_ERROR_SQLSTATE
SELECT current_setting('no_such_setting');
\echo :LAST_ERROR_SQLSTATE
SELECT current_setting('no_such_setting', true) IS NULL AS missing_is_null;
SELECT current_setting('no_such_setting', false);
\echo :LAST_ERROR_SQLSTATE
SELECT set_config('no_such_setting', '1', false);
\echo :LAST_ERROR_SQLSTATE
SELECT set_config('server_version', '1', false);
\echo :LAST_ERROR_SQLSTATE
SELECT set_config('extra_float_digits', '99', false);
\echo :LAST_ERROR_SQLSTATE
SELECT current_setting(NULL) IS NULL AS null_name, current_setting('search_path', NULL) IS NULL AS null_missing_ok;
SELECT set_config(NULL, '1', false);
\echo :LAST_ERROR_SQLSTATE
-- is_local inside a block lasts until its end.
BEGIN;
SELECT set_config('myapp.tenant', 'acme', true);
SELECT current_setting('myapp.tenant');
SELECT set_config('extra_float_digits', '0', true);
SHOW extra_float_digits;
COMMIT;
SELECT current_setting('myapp.tenant', true) AS tenant_after_commit;
SHOW extra_float_digits;
-- Not local: kept by COMMIT, undone by ROLLBACK.
BEGIN;
SELECT set_config('myapp.kept', 'yes', false);
COMMIT;
SELECT current_setting('myapp.kept');
BEGIN;
SELECT set_config('extra_float_digits', '1', false);
ROLLBACK;
SHOW extra_float_digits;
-- Outside a block, is_local lasts for the statement's implicit transaction.
SELECT set_config('myapp.local_only', 'x', true);
SELECT current_setting('myapp.local_only', true) IS NULL OR current_setting('myapp.local_only', true) = '' AS gone;
-- A NULL value resets; a NULL is_local is false.
SELECT set_config('extra_float_digits', NULL, false);
SELECT set_config('myapp.nullable', 'v', NULL);
SELECT current_setting('myapp.nullable');
-- Per row, in a WHERE clause and through a prepared statement.
CREATE TABLE settings_rows (k text);
INSERT INTO settings_rows VALUES ('search_path'), ('extra_float_digits'), ('myapp.user_id');
SELECT k, current_setting(k) FROM settings_rows ORDER BY k;
SELECT count(*) FROM settings_rows WHERE current_setting('myapp.user_id') = '42';
PREPARE read_setting(text) AS SELECT current_setting($1);
EXECUTE read_setting('myapp.user_id');
SELECT set_config('myapp.user_id', '43', false);
EXECUTE read_setting('myapp.user_id');
DEALLOCATE read_setting;
DROP TABLE settings_rows;
SELECT set_config('search_path', 'pg_catalog, public', false);
SHOW search_path;
RESET search_path;
SHOW search_path;
