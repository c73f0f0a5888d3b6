-- psql's \copy: the same COPY FROM STDIN / TO STDOUT underneath
CREATE TABLE copy_psql (id int, name text);
\copy copy_psql from stdin
1	one
2	two
\.
\copy copy_psql (name, id) from stdin with (format csv)
three,3
\.
\copy copy_psql to stdout
\copy (select name from copy_psql order by id desc) to stdout with csv header
DROP TABLE copy_psql;
