-- CREATE VIEW ... WITH [CASCADED | LOCAL] CHECK OPTION and WITH
-- (check_option = ...): rows written through the view must satisfy its
-- WHERE (44000 with the failing row), LOCAL and CASCADED through views over
-- views, the option's errors, and information_schema.views.check_option
\set QUIET off
CREATE TABLE nums (id int PRIMARY KEY, n int, tag text DEFAULT 'none');
CREATE VIEW positive AS SELECT id, n FROM nums WHERE n > 0 WITH CHECK OPTION;
CREATE VIEW small WITH (check_option = local) AS SELECT id, n, tag FROM nums WHERE n < 100;
\set QUIET on
INSERT INTO positive VALUES (1, 5) RETURNING *;
INSERT INTO positive VALUES (2, -5);
INSERT INTO positive VALUES (3, NULL);
INSERT INTO positive VALUES (4, 7), (5, 0);
SELECT * FROM nums ORDER BY id;
\set QUIET off
UPDATE positive SET n = n + 1;
UPDATE positive SET n = -1 WHERE id = 1;
UPDATE positive SET n = NULL;
\set QUIET on
-- rows the view does not show are not updated, so not checked
INSERT INTO nums VALUES (10, -10);
UPDATE positive SET n = 50 WHERE id = 10;
SELECT * FROM nums ORDER BY id;
-- DELETE is not checked
DELETE FROM positive WHERE id = 1 RETURNING *;
INSERT INTO small (id, n) VALUES (20, 99) RETURNING *;
INSERT INTO small (id, n) VALUES (21, 100);
UPDATE small SET n = n * 10 WHERE id = 20;
-- constraint errors come before the check option
INSERT INTO positive VALUES (20, -1);
-- CASCADED: the views below are checked too; LOCAL: only the view's own
-- WHERE (and those of views below that have their own option)
CREATE VIEW plain AS SELECT id, n FROM nums WHERE n < 1000;
CREATE VIEW over_local AS SELECT id, n FROM plain WHERE n > 10 WITH LOCAL CHECK OPTION;
CREATE VIEW over_cascaded AS SELECT id, n FROM plain WHERE n > 10 WITH CASCADED CHECK OPTION;
INSERT INTO over_local VALUES (30, 5000) RETURNING *;
INSERT INTO over_local VALUES (31, 5);
INSERT INTO over_cascaded VALUES (32, 5000);
INSERT INTO over_cascaded VALUES (33, 5);
INSERT INTO over_cascaded VALUES (34, 500) RETURNING *;
-- a view over a view with its own option is checked through either
CREATE VIEW over_positive AS SELECT id, n FROM positive WHERE n < 200;
INSERT INTO over_positive VALUES (40, 300) RETURNING *;
INSERT INTO over_positive VALUES (41, -3);
CREATE VIEW over_positive_local AS SELECT id, n FROM positive WHERE n < 200 WITH LOCAL CHECK OPTION;
INSERT INTO over_positive_local VALUES (42, 300);
INSERT INTO over_positive_local VALUES (43, -3);
-- the innermost view fails first
CREATE VIEW both_fail AS SELECT id, n FROM positive WHERE n > 5 WITH CHECK OPTION;
INSERT INTO both_fail VALUES (44, -1);
INSERT INTO both_fail VALUES (45, 2);
SELECT * FROM nums ORDER BY id;
-- a view with no WHERE checks nothing of its own
CREATE VIEW all_nums AS SELECT * FROM nums WITH CHECK OPTION;
INSERT INTO all_nums VALUES (50, -50, 'x') RETURNING *;
-- in a transaction, the failed statement leaves nothing
BEGIN;
INSERT INTO positive VALUES (60, 1);
INSERT INTO positive VALUES (61, -1);
ROLLBACK;
SELECT count(*) FROM nums WHERE id >= 60;
-- the option's errors
CREATE VIEW bad1 WITH (check_option = sometimes) AS SELECT * FROM nums;
CREATE VIEW bad2 WITH (check_option) AS SELECT * FROM nums;
CREATE VIEW bad3 WITH (fillfactor = 50) AS SELECT * FROM nums;
CREATE VIEW bad4 WITH (check_option = local) AS SELECT * FROM nums WITH CASCADED CHECK OPTION;
CREATE VIEW bad5 AS SELECT n, count(*) FROM nums GROUP BY n WITH CHECK OPTION;
CREATE VIEW bad6 AS SELECT n + 1 AS m FROM nums WITH LOCAL CHECK OPTION;
CREATE VIEW bad7 AS SELECT a.id FROM nums a, nums b WITH CHECK OPTION;
CREATE VIEW bad8 WITH (security_barrier = maybe) AS SELECT * FROM nums;
CREATE VIEW ok1 WITH (check_option = 'CASCADED', security_barrier) AS SELECT * FROM nums WHERE n > 0;
INSERT INTO ok1 VALUES (70, -70);
SELECT relname, reloptions FROM pg_class WHERE relname IN ('positive', 'small', 'over_local', 'over_cascaded', 'ok1', 'plain') ORDER BY relname;
SELECT table_name, check_option, is_updatable, is_insertable_into FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name;
-- CREATE OR REPLACE changes the option
CREATE OR REPLACE VIEW positive AS SELECT id, n FROM nums WHERE n > 0;
INSERT INTO positive VALUES (80, -80) RETURNING *;
CREATE OR REPLACE VIEW positive AS SELECT id, n FROM nums WHERE n > 0 WITH LOCAL CHECK OPTION;
INSERT INTO positive VALUES (81, -81);
SELECT check_option FROM information_schema.views WHERE table_name = 'positive';
DROP VIEW ok1, all_nums, both_fail, over_positive_local, over_positive, over_cascaded, over_local, plain, small, positive;
DROP TABLE nums;
