\echo after restart
SELECT id, owner, balance, opened, active FROM accounts ORDER BY id;
SELECT kind, n FROM events WHERE n IS NOT NULL ORDER BY n;
INSERT INTO accounts (id, owner) VALUES (5, 'erin');
SELECT id, owner FROM accounts WHERE id = 5;
DROP TABLE events;
DROP TABLE IF EXISTS events;
