-- Row constructors ROW(a, b) and (a, b) in comparisons, IN lists,
-- IS [NOT] DISTINCT FROM and IS [NOT] NULL, with PostgreSQL's NULL results
SELECT ROW(1, 2) = ROW(1, 2), (1, 2) = (1, 3), (1, NULL) = (1, 2), (1, NULL) = (2, 2);
SELECT (1, 2) <> (1, 3), (1, NULL) <> (1, 1), (NULL, 1) <> (2, 1), (1, 2) != (1, 2);
SELECT (1, 2) < (1, 3), (1, 2) < (1, 2), (1, 2) <= (1, 2), (2, 1) > (1, 9), (1, 2, 3) >= (1, 2, 4);
SELECT (1, NULL) < (2, 1), (1, NULL) < (1, 2), (NULL, 1) < (2, 1), (2, NULL) > (1, 5), (1, 1, NULL) < (1, 2, 0);
SELECT ROW(1) = ROW(1), ROW(1) < ROW(2), (1, 'a') < (1, 'b'), ('a', 1) < ('b', 0), (1, 2.5) = (1.0, 2.50);
SELECT (1, 2) IN ((1, 2), (3, 4)), (1, 2) IN ((3, 4)), (1, NULL) IN ((1, 2), (1, 3)), (1, NULL) IN ((2, 2), (1, 3));
SELECT (1, 2) NOT IN ((1, 2), (3, 4)), (1, 2) NOT IN ((3, 4), (5, NULL)), (1, 2) NOT IN ((1, NULL)), (1, 2) NOT IN ((3, NULL));
SELECT (1, 2) IS DISTINCT FROM (1, 2), (1, NULL) IS DISTINCT FROM (1, NULL), (1, NULL) IS NOT DISTINCT FROM (1, NULL), (1, 2) IS DISTINCT FROM (1, NULL);
SELECT (1, 2) IS NULL, (NULL, NULL) IS NULL, ROW(NULL) IS NULL, (1, NULL) IS NULL, (1, NULL) IS NOT NULL, (1, 2) IS NOT NULL, (NULL, NULL) IS NOT NULL;
SELECT (1, 2) BETWEEN (0, 0) AND (3, 3), (1, 2) BETWEEN (1, 3) AND (2, 0), (1, 2) NOT BETWEEN (1, 2) AND (1, 2), (2, 0) BETWEEN SYMMETRIC (3, 0) AND (1, 5), (1, NULL) BETWEEN (0, 0) AND (2, 0), (1, NULL) BETWEEN (1, 0) AND (2, 0);
SELECT (1, 2) = NULL, (1, 2) < NULL, (NULL, NULL) IS DISTINCT FROM NULL, (1, 2) IS NOT DISTINCT FROM NULL, (1, 2) IN ((1, 2), NULL), (1, 2) IN ((3, 4), NULL), (1, 2) NOT IN ((3, 4), NULL);
CREATE TABLE rc (id int PRIMARY KEY, a int, b text);
INSERT INTO rc VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, NULL), (4, NULL, 'z'), (5, 3, 'a');
SELECT id FROM rc WHERE (a, b) > (1, 'x') ORDER BY id;
SELECT id FROM rc WHERE (a, b) <= (2, 'a') ORDER BY id;
SELECT id FROM rc WHERE (a, b) = (1, 'y');
SELECT id FROM rc WHERE (a, b) IN ((1, 'x'), (3, 'a'), (2, NULL)) ORDER BY id;
SELECT id FROM rc WHERE (a, b) NOT IN ((1, 'x'), (3, 'a')) ORDER BY id;
SELECT id FROM rc WHERE (a, b) IS NOT DISTINCT FROM (2, NULL);
SELECT id, (a, b) IS NULL AS all_null, (a, b) IS NOT NULL AS none_null FROM rc ORDER BY id;
SELECT id, (a, id) < (2, 0) AS lt FROM rc ORDER BY id;
SELECT id FROM rc ORDER BY (a, b) IS NULL, id;
-- errors and what is not a row comparison
SELECT (1, 2) = (1, 2, 3);
SELECT (1, 2) < 3;
SELECT 3 = (1, 2);
SELECT (1, 2) IN (1, 2);
SELECT (1, 2) = (1, 'x');
SELECT (a, b) = (1, 2) FROM rc;
SELECT (1, 2) + (3, 4);
SELECT ('a', 'b') || ('c', 'd');
SELECT (1, 2) LIKE (1, 2);
SELECT (1, 2) BETWEEN 0 AND (3, 3);
SELECT (1, 2) NOT BETWEEN (0, 0) AND (1, 2, 3);
DROP TABLE rc;
