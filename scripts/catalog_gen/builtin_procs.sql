with io as (
  select unnest(array[typinput::oid, typoutput::oid, typreceive::oid, typsend::oid, typmodin::oid, typmodout::oid, typanalyze::oid, typsubscript::oid]) as oid
  from pg_type where typtype = 'p' or oid = 1263 or oid in (16,20,21,23,25,26,28,700,701,705,1043,1082,1114,1184,1700,2278,18,19,22,24,30,194,2202,2205,2206,4089,4096) or (typcategory='A' and typelem in (16,20,21,23,25,26,28,700,701,1043,1082,1114,1184,1700,18,19,24,2202,2205,2206,4089,4096))
), named as (
  select oid from pg_proc where pronamespace = 11 and proname in (
  'abs','length','char_length','character_length','lower','upper','round','now','cardinality','array_length',
  'pg_backend_pid','pg_blocking_pids','pg_advisory_lock','pg_advisory_lock_shared','pg_try_advisory_lock',
  'pg_try_advisory_lock_shared','pg_advisory_xact_lock','pg_advisory_xact_lock_shared','pg_try_advisory_xact_lock',
  'pg_try_advisory_xact_lock_shared','pg_advisory_unlock','pg_advisory_unlock_shared','pg_advisory_unlock_all',
  'pg_sleep','pg_typeof','count','sum','avg','min','max','bool_and','bool_or','every','string_agg','array_agg',
  'generate_series','unnest','current_schema','current_schemas','current_database','array_position',
  'pg_table_is_visible','pg_type_is_visible','pg_function_is_visible','format_type','pg_get_userbyid','pg_get_indexdef',
  'pg_get_constraintdef','pg_get_expr','pg_get_viewdef','obj_description','col_description','shobj_description',
  'has_table_privilege','has_schema_privilege','has_database_privilege','has_column_privilege','has_function_privilege',
  'has_sequence_privilege','pg_encoding_to_char','pg_char_to_encoding','pg_is_in_recovery','version','current_setting',
  'pg_get_function_arguments','pg_get_function_result','pg_get_function_identity_arguments','array_upper','array_lower',
  'pg_relation_size','pg_total_relation_size','pg_table_size','pg_indexes_size','pg_database_size','pg_size_pretty',
  'pg_tablespace_location','generate_subscripts','pg_get_serial_sequence','quote_ident','array_to_string','pg_locks',
  'pg_cursor','pg_prepared_statement','pg_lock_status',
  'set_config','txid_current','txid_current_if_assigned','pg_current_xact_id','pg_current_xact_id_if_assigned',
  'regexp_matches','regexp_split_to_table','regexp_split_to_array','regexp_match','regexp_count','regexp_instr',
  'regexp_substr','regexp_like','similar_to_escape','to_number','regexp_replace','pg_get_function_sqlbody'))
select format('{%s, "%s", ''%s'', %s, ''%s'', %s, "%s", %s, %s, "%s"},',
  p.oid, p.proname, p.prokind, p.proretset, p.provolatile, p.prorettype, array_to_string(p.proargtypes::oid[], ' '),
  p.prolang, p.proisstrict, p.prosrc)
from pg_proc p where p.oid in (select oid from io union select oid from named) and p.oid <> 0 order by p.oid;
