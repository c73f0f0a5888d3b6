-- CREATE / ALTER / DROP DATABASE; initdb's template databases.
CREATE DATABASE app_db;
CREATE DATABASE app_db;
SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'app_db';
CREATE DATABASE app_db2 WITH OWNER = basalt TEMPLATE = template0 ENCODING = 'UTF8';
CREATE DATABASE app_db3 TEMPLATE template1 CONNECTION LIMIT = -1 IS_TEMPLATE = false;
CREATE DATABASE bad_db WITH FOO = 1;
CREATE DATABASE bad_db TEMPLATE nosuch;
CREATE DATABASE bad_db OWNER nosuch;
BEGIN;
CREATE DATABASE in_block;
ROLLBACK;
SELECT count(*) FROM pg_database WHERE datname IN ('in_block', 'bad_db');
ALTER DATABASE app_db RENAME TO app_renamed;
ALTER DATABASE app_renamed RENAME TO app_db2;
ALTER DATABASE missing RENAME TO other;
CREATE ROLE db_owner;
ALTER DATABASE app_renamed OWNER TO db_owner;
SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database
  WHERE datname LIKE 'app%' ORDER BY 1;
DROP ROLE db_owner;
DROP DATABASE app_renamed;
DROP DATABASE app_renamed;
DROP DATABASE IF EXISTS app_renamed;
DROP DATABASE basalt;
DROP DATABASE template0;
DROP DATABASE template1;
SELECT datname, datistemplate, datallowconn, datacl FROM pg_database
  WHERE datname LIKE 'template%' ORDER BY 1;
BEGIN;
DROP DATABASE app_db2;
ROLLBACK;
DROP DATABASE app_db2;
DROP DATABASE app_db3;
DROP ROLE db_owner;
SELECT count(*) FROM pg_database WHERE datname LIKE 'app%';
