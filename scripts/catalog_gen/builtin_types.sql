with base as (select oid from pg_type where typtype = 'p' or oid = 1263 or oid in (16,20,21,23,25,26,28,700,701,705,1043,1082,1114,1184,1700,2278,18,19,22,24,30,194,2202,2205,2206,4089,4096)),
t as (select * from pg_type where oid in (select oid from base) or (typcategory='A' and typelem in (select oid from base)))
select format('{%s, "%s", %s, %s, ''%s'', ''%s'', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, ''%s'', ''%s'', %s},',
  oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typelem, typarray,
  typinput::oid, typoutput::oid, typreceive::oid, typsend::oid, typmodin::oid, typmodout::oid, typanalyze::oid, typsubscript::oid, typalign, typstorage, typcollation)
from t order by oid;
