-- SELECT DISTINCT ON: the first row of each group in ORDER BY order, the
-- rule that DISTINCT ON matches the leading ORDER BY items, and its errors
CREATE TABLE dn (id int PRIMARY KEY, a int, b text, n numeric);
INSERT INTO dn VALUES (1, 1, 'x', 1.0), (2, 1, 'y', 1.00), (3, 2, NULL, 2), (4, NULL, 'w', NULL), (5, 2, 'z', 2.5), (6, NULL, 'v', NULL), (7, 3, 'x', 3);
SELECT DISTINCT ON (a) a, b FROM dn ORDER BY a, b;
SELECT DISTINCT ON (a) a, b FROM dn ORDER BY a, b DESC;
SELECT DISTINCT ON (a) a, b FROM dn ORDER BY a DESC NULLS LAST, id;
SELECT DISTINCT ON (a) id FROM dn ORDER BY a, id DESC;
SELECT DISTINCT ON (n) n, id FROM dn ORDER BY n, id;
SELECT DISTINCT ON (a, b) a, b FROM dn ORDER BY b, a, id;
SELECT DISTINCT ON (b) b FROM dn;
SELECT DISTINCT ON (a, a) a FROM dn ORDER BY a;
SELECT DISTINCT ON (1) a, b FROM dn ORDER BY 1, 2;
SELECT DISTINCT ON (x) a AS x, b FROM dn ORDER BY a, b;
SELECT DISTINCT ON (a % 2) a % 2 AS parity, id FROM dn ORDER BY a % 2, id;
SELECT DISTINCT ON (a) a, b FROM dn ORDER BY a, b LIMIT 2 OFFSET 1;
SELECT DISTINCT ON (a) a, b FROM dn WHERE id > 2 ORDER BY a, id;
SELECT DISTINCT ON (a) a, b FROM dn WHERE false ORDER BY a;
SELECT DISTINCT ON (a) a, count(*) FROM dn GROUP BY a, b ORDER BY a, count(*) DESC, b;
SELECT DISTINCT ON (count(*)) count(*), a FROM dn GROUP BY a ORDER BY count(*), a;
-- groups that run past a batch of rows (2,048 rows)
CREATE TABLE fb (id int PRIMARY KEY, g int);
INSERT INTO fb VALUES (1, 0);
INSERT INTO fb SELECT id + 1, 0 FROM fb;
INSERT INTO fb SELECT id + 2, 0 FROM fb;
INSERT INTO fb SELECT id + 4, 0 FROM fb;
INSERT INTO fb SELECT id + 8, 0 FROM fb;
INSERT INTO fb SELECT id + 16, 0 FROM fb;
INSERT INTO fb SELECT id + 32, 0 FROM fb;
INSERT INTO fb SELECT id + 64, 0 FROM fb;
INSERT INTO fb SELECT id + 128, 0 FROM fb;
INSERT INTO fb SELECT id + 256, 0 FROM fb;
INSERT INTO fb SELECT id + 512, 0 FROM fb;
INSERT INTO fb SELECT id + 1024, 0 FROM fb;
UPDATE fb SET g = id / 300;
SELECT DISTINCT ON (g) g, id FROM fb ORDER BY g, id DESC;
SELECT DISTINCT ON (g) g, id FROM fb ORDER BY g DESC, id;
DROP TABLE fb;
-- errors
SELECT DISTINCT ON (a) a, b FROM dn ORDER BY b;
SELECT DISTINCT ON (a, b) a, b FROM dn ORDER BY a, id, b;
SELECT DISTINCT ON (a + 1) a FROM dn ORDER BY 1;
SELECT DISTINCT ON (9) a FROM dn;
SELECT DISTINCT ON ('x') a FROM dn;
SELECT DISTINCT ON (x) a AS x, b AS x FROM dn;
SELECT DISTINCT ON (nope) a FROM dn;
SELECT DISTINCT ON (a) a FROM dn FOR UPDATE;
DROP TABLE dn;
