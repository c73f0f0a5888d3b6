-- txid_current(), pg_current_xact_id() and their _if_assigned forms: one id
-- per transaction, the same for every call in it, larger in each later
-- transaction. Ids differ between servers, so only their relations are
-- shown.
CREATE TABLE txids (label text, id bigint);
BEGIN;
SELECT txid_current_if_assigned() IS NULL AS unassigned, pg_current_xact_id_if_assigned() IS NULL AS unassigned_too;
INSERT INTO txids SELECT 'first', txid_current();
SELECT txid_current() = txid_current() AS same_call, txid_current()::text = pg_current_xact_id()::text AS same_id;
SELECT txid_current_if_assigned() = txid_current() AS assigned;
SELECT (SELECT id FROM txids WHERE label = 'first') = txid_current() AS same_in_block;
COMMIT;
INSERT INTO txids SELECT 'second', txid_current();
INSERT INTO txids SELECT 'third', txid_current();
SELECT a.label, b.label, a.id < b.id AS increasing
  FROM txids a JOIN txids b ON a.label < b.label ORDER BY a.label, b.label;
SELECT txid_current() > (SELECT max(id) FROM txids) AS later_than_all;
-- One value for every row of a statement.
SELECT count(DISTINCT txid_current()) FROM generate_series(1, 5);
-- A rolled-back transaction's id is not given again.
BEGIN;
INSERT INTO txids SELECT 'rolled back', txid_current();
SELECT txid_current() > (SELECT max(id) FROM txids WHERE label <> 'rolled back') AS larger;
ROLLBACK;
SELECT txid_current() > (SELECT max(id) FROM txids) AS larger_after_rollback;
SELECT pg_catalog.txid_current() > 0 AS positive;
DROP TABLE txids;
