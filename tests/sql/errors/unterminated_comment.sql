-- an unterminated comment swallows the rest of the file: the server sees it at the end
SELECT 1;
SELECT 1 /* unterminated comment;
SELECT 2;
