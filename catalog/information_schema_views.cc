#include "catalog/information_schema_views.h"

#include <string>
#include <utility>
#include <vector>

namespace basalt::catalog {
namespace {

// Columns routines and parameters share: the facts of a sized type
// (length, precision, character set, collation) and of a reference type's
// scope, which a function's argument and result types never carry. Written
// into the queries where they name "@unsized_type_columns@" and
// "@no_scope_columns@".
constexpr std::string_view kUnsizedTypeColumns = R"sql(
       NULL::int4 AS character_maximum_length,
       NULL::int4 AS character_octet_length,
       NULL::name AS character_set_catalog,
       NULL::name AS character_set_schema,
       NULL::name AS character_set_name,
       NULL::name AS collation_catalog,
       NULL::name AS collation_schema,
       NULL::name AS collation_name,
       NULL::int4 AS numeric_precision,
       NULL::int4 AS numeric_precision_radix,
       NULL::int4 AS numeric_scale,
       NULL::int4 AS datetime_precision,
       NULL::varchar AS interval_type,
       NULL::int4 AS interval_precision,
)sql";
constexpr std::string_view kNoScopeColumns = R"sql(
       NULL::name AS scope_catalog,
       NULL::name AS scope_schema,
       NULL::name AS scope_name,
       NULL::int4 AS maximum_cardinality,
)sql";

// Each query returns the view's columns (information_schema_specs.cc) in
// order, with the base types of information_schema's domains:
// sql_identifier is name, cardinal_number int4, character_data and
// yes_or_no varchar, time_stamp timestamptz.
//
// Where PostgreSQL's definitions call information_schema's helper functions
// (_pg_char_max_length, _pg_numeric_precision, ...), the same facts are
// CASE expressions over the column's type and typmod here. Privilege tests
// (pg_has_role, has_*_privilege) are left out: Basalt has no GRANT, so
// every role may see every object, which is what those tests would say.
// Basalt has no temporary schemas (pg_is_other_temp_schema), no typed
// tables (reloftype) and no triggers (pg_trigger), so the columns that
// depend on them are the constants PostgreSQL shows without them.
constexpr std::pair<std::string_view, std::string_view> kViews[] = {
    {"schemata", R"sql(
SELECT current_database()::name AS catalog_name,
       n.nspname::name AS schema_name,
       u.rolname::name AS schema_owner,
       NULL::name AS default_character_set_catalog,
       NULL::name AS default_character_set_schema,
       NULL::name AS default_character_set_name,
       NULL::varchar AS sql_path
FROM pg_catalog.pg_namespace n
JOIN pg_catalog.pg_authid u ON u.oid = n.nspowner
)sql"},

    // Materialized views, indexes and sequences are not tables in the SQL
    // standard's sense, so they are left out, as PostgreSQL does.
    {"tables", R"sql(
SELECT current_database()::name AS table_catalog,
       nc.nspname::name AS table_schema,
       c.relname::name AS table_name,
       (CASE WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE'
             WHEN c.relkind = 'v' THEN 'VIEW'
             WHEN c.relkind = 'f' THEN 'FOREIGN' END)::varchar AS table_type,
       NULL::name AS self_referencing_column_name,
       NULL::varchar AS reference_generation,
       NULL::name AS user_defined_type_catalog,
       NULL::name AS user_defined_type_schema,
       NULL::name AS user_defined_type_name,
       (CASE WHEN c.relkind IN ('r', 'p') OR
                  (c.relkind IN ('v', 'f') AND
                   pg_catalog.pg_relation_is_updatable(c.oid, false) / 8 % 2 = 1)
             THEN 'YES' ELSE 'NO' END)::varchar
         AS is_insertable_into,
       'NO'::varchar AS is_typed,
       NULL::varchar AS commit_action
FROM pg_catalog.pg_namespace nc
JOIN pg_catalog.pg_class c ON c.relnamespace = nc.oid
WHERE c.relkind IN ('r', 'v', 'f', 'p')
)sql"},

    // pg_relation_is_updatable's bits (Basalt has no `&`): 4 UPDATE,
    // 8 INSERT, 16 DELETE.
    {"views", R"sql(
SELECT current_database()::name AS table_catalog,
       nc.nspname::name AS table_schema,
       c.relname::name AS table_name,
       pg_catalog.pg_get_viewdef(c.oid)::varchar AS view_definition,
       (CASE WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'
             WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'
             ELSE 'NONE' END)::varchar AS check_option,
       (CASE WHEN pg_catalog.pg_relation_is_updatable(c.oid, false) / 4 % 2 = 1
                  AND pg_catalog.pg_relation_is_updatable(c.oid, false) / 16 % 2 = 1
             THEN 'YES' ELSE 'NO' END)::varchar AS is_updatable,
       (CASE WHEN pg_catalog.pg_relation_is_updatable(c.oid, false) / 8 % 2 = 1
             THEN 'YES' ELSE 'NO' END)::varchar AS is_insertable_into,
       'NO'::varchar AS is_trigger_updatable,
       'NO'::varchar AS is_trigger_deletable,
       'NO'::varchar AS is_trigger_insertable_into
FROM pg_catalog.pg_namespace nc
JOIN pg_catalog.pg_class c ON c.relnamespace = nc.oid
WHERE c.relkind = 'v'
)sql"},

    // The type facts follow the column's type, or a domain's base type (tt),
    // and typmod (tm): varchar(n)
    // and char(n) keep n + 4 in atttypmod, numeric(p,s) ((p << 16) | s) + 4,
    // the time types their precision. A character's octet length is at most
    // 4 bytes in UTF8, Basalt's only encoding; unbounded text counts 1 GB.
    {"columns", R"sql(
SELECT current_database()::name AS table_catalog,
       nc.nspname::name AS table_schema,
       c.relname::name AS table_name,
       a.attname::name AS column_name,
       a.attnum::int4 AS ordinal_position,
       (CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
        END)::varchar
         AS column_default,
       (CASE WHEN a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) THEN 'NO' ELSE 'YES'
        END)::varchar AS is_nullable,
       (CASE WHEN tt.typelem <> 0 AND tt.typlen = -1 THEN 'ARRAY'
             WHEN tt.nspname = 'pg_catalog' THEN pg_catalog.format_type(tt.oid, NULL)
             ELSE 'USER-DEFINED' END)::varchar AS data_type,
       (CASE WHEN tt.typname IN ('varchar', 'bpchar') AND tm.typmod <> -1 THEN tm.typmod - 4
             WHEN tt.typname IN ('bit', 'varbit') AND tm.typmod <> -1 THEN tm.typmod
        END)::int4 AS character_maximum_length,
       (CASE WHEN tt.typname IN ('text', 'varchar', 'bpchar') THEN
               CASE WHEN tm.typmod = -1 THEN 1073741824 ELSE (tm.typmod - 4) * 4 END
        END)::int4 AS character_octet_length,
       (CASE tt.typname WHEN 'int2' THEN 16 WHEN 'int4' THEN 32 WHEN 'int8' THEN 64
                       WHEN 'float4' THEN 24 WHEN 'float8' THEN 53
                       WHEN 'numeric' THEN
                         CASE WHEN tm.typmod <> -1 THEN (tm.typmod - 4) / 65536 END
        END)::int4 AS numeric_precision,
       (CASE WHEN tt.typname IN ('int2', 'int4', 'int8', 'float4', 'float8') THEN 2
             WHEN tt.typname = 'numeric' THEN 10 END)::int4 AS numeric_precision_radix,
       (CASE WHEN tt.typname IN ('int2', 'int4', 'int8') THEN 0
             WHEN tt.typname = 'numeric' AND tm.typmod <> -1 THEN (tm.typmod - 4) % 65536
        END)::int4 AS numeric_scale,
       (CASE WHEN tt.typname = 'date' THEN 0
             WHEN tt.typname IN ('time', 'timetz', 'timestamp', 'timestamptz', 'interval') THEN
               CASE WHEN tm.typmod < 0 THEN 6 ELSE tm.typmod END
        END)::int4 AS datetime_precision,
       NULL::varchar AS interval_type,
       NULL::int4 AS interval_precision,
       NULL::name AS character_set_catalog,
       NULL::name AS character_set_schema,
       NULL::name AS character_set_name,
       (CASE WHEN co.nspname IS NOT NULL THEN current_database() END)::name AS collation_catalog,
       co.nspname::name AS collation_schema,
       co.collname::name AS collation_name,
       (CASE WHEN t.typtype = 'd' THEN current_database() END)::name AS domain_catalog,
       (CASE WHEN t.typtype = 'd' THEN nt.nspname END)::name AS domain_schema,
       (CASE WHEN t.typtype = 'd' THEN t.typname END)::name AS domain_name,
       current_database()::name AS udt_catalog,
       tt.nspname::name AS udt_schema,
       tt.typname::name AS udt_name,
       NULL::name AS scope_catalog,
       NULL::name AS scope_schema,
       NULL::name AS scope_name,
       NULL::int4 AS maximum_cardinality,
       a.attnum::text::name AS dtd_identifier,
       'NO'::varchar AS is_self_referencing,
       (CASE WHEN a.attidentity IN ('a', 'd') THEN 'YES' ELSE 'NO' END)::varchar AS is_identity,
       (CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END)::varchar
         AS identity_generation,
       seq.seqstart::varchar AS identity_start,
       seq.seqincrement::varchar AS identity_increment,
       seq.seqmax::varchar AS identity_maximum,
       seq.seqmin::varchar AS identity_minimum,
       (CASE WHEN seq.seqcycle THEN 'YES' ELSE 'NO' END)::varchar AS identity_cycle,
       (CASE WHEN a.attgenerated <> '' THEN 'ALWAYS' ELSE 'NEVER' END)::varchar AS is_generated,
       (CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
        END)::varchar
         AS generation_expression,
       (CASE WHEN c.relkind IN ('r', 'p') THEN 'YES'
             WHEN c.relkind IN ('v', 'f') AND
                  pg_catalog.pg_column_is_updatable(c.oid, a.attnum, false) THEN 'YES'
             ELSE 'NO' END)::varchar AS is_updatable
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace nc ON nc.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_namespace nt ON nt.oid = t.typnamespace
JOIN (SELECT b.oid, b.typname, b.typelem, b.typlen, nb.nspname
      FROM pg_catalog.pg_type b
      JOIN pg_catalog.pg_namespace nb ON nb.oid = b.typnamespace) tt
  ON tt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
CROSS JOIN LATERAL (SELECT CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END
                           AS typmod) tm
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN (SELECT k.oid, k.collname, nk.nspname
           FROM pg_catalog.pg_collation k
           JOIN pg_catalog.pg_namespace nk ON nk.oid = k.collnamespace
           WHERE nk.nspname <> 'pg_catalog' OR k.collname <> 'default') co
       ON co.oid = a.attcollation
LEFT JOIN (SELECT d.refobjid, d.refobjsubid, s.*
           FROM pg_catalog.pg_depend d
           JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
           WHERE d.classid = 'pg_catalog.pg_class'::regclass::oid AND d.deptype = 'i') seq
       ON seq.refobjid = c.oid AND seq.refobjsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'f', 'p')
)sql"},

    // A NOT NULL column is a CHECK constraint in the SQL standard; its name
    // is made of the OIDs, as PostgreSQL 15 makes it.
    {"table_constraints", R"sql(
SELECT current_database()::name AS constraint_catalog,
       nc.nspname::name AS constraint_schema,
       c.conname::name AS constraint_name,
       current_database()::name AS table_catalog,
       nr.nspname::name AS table_schema,
       r.relname::name AS table_name,
       (CASE c.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY'
                       WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' END)::varchar
         AS constraint_type,
       (CASE WHEN c.condeferrable THEN 'YES' ELSE 'NO' END)::varchar AS is_deferrable,
       (CASE WHEN c.condeferred THEN 'YES' ELSE 'NO' END)::varchar AS initially_deferred,
       'YES'::varchar AS enforced,
       (CASE WHEN c.contype = 'u' THEN
               CASE WHEN (SELECT NOT i.indnullsnotdistinct FROM pg_catalog.pg_index i
                          WHERE i.indexrelid = c.conindid) THEN 'YES' ELSE 'NO' END
        END)::varchar AS nulls_distinct
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_namespace nc ON nc.oid = c.connamespace
JOIN pg_catalog.pg_class r ON r.oid = c.conrelid
JOIN pg_catalog.pg_namespace nr ON nr.oid = r.relnamespace
WHERE c.contype NOT IN ('t', 'x') AND r.relkind IN ('r', 'p')
UNION ALL
SELECT current_database()::name,
       nr.nspname::name,
       (nr.oid::text || '_' || r.oid::text || '_' || a.attnum::text || '_not_null')::name,
       current_database()::name,
       nr.nspname::name,
       r.relname::name,
       'CHECK'::varchar,
       'NO'::varchar,
       'NO'::varchar,
       'YES'::varchar,
       NULL::varchar
FROM pg_catalog.pg_namespace nr
JOIN pg_catalog.pg_class r ON r.relnamespace = nr.oid
JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid
WHERE a.attnotnull AND a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p')
)sql"},

    // position_in_unique_constraint: where the referenced column sits in
    // the referenced key's index (the foreign key's conindid).
    {"key_column_usage", R"sql(
SELECT current_database()::name AS constraint_catalog,
       nc.nspname::name AS constraint_schema,
       c.conname::name AS constraint_name,
       current_database()::name AS table_catalog,
       nr.nspname::name AS table_schema,
       r.relname::name AS table_name,
       a.attname::name AS column_name,
       k.n::int4 AS ordinal_position,
       u.n::int4 AS position_in_unique_constraint
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_namespace nc ON nc.oid = c.connamespace
JOIN pg_catalog.pg_class r ON r.oid = c.conrelid
JOIN pg_catalog.pg_namespace nr ON nr.oid = r.relnamespace
CROSS JOIN LATERAL information_schema._pg_expandarray(c.conkey) k
JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.x
LEFT JOIN (SELECT i.indexrelid, p.x, p.n
           FROM pg_catalog.pg_index i, information_schema._pg_expandarray(i.indkey) p) u
       ON c.contype = 'f' AND u.indexrelid = c.conindid AND u.x = c.confkey[k.n]
WHERE c.contype IN ('p', 'u', 'f') AND r.relkind IN ('r', 'p') AND NOT a.attisdropped
)sql"},

    // The unique constraint a foreign key references is the one owning the
    // index the foreign key uses (PostgreSQL finds it through pg_depend).
    {"referential_constraints", R"sql(
SELECT current_database()::name AS constraint_catalog,
       ncon.nspname::name AS constraint_schema,
       con.conname::name AS constraint_name,
       (CASE WHEN npkc.nspname IS NOT NULL THEN current_database() END)::name
         AS unique_constraint_catalog,
       npkc.nspname::name AS unique_constraint_schema,
       pkc.conname::name AS unique_constraint_name,
       (CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL'
                               WHEN 's' THEN 'NONE' END)::varchar AS match_option,
       (CASE con.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
                             WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT'
                             WHEN 'a' THEN 'NO ACTION' END)::varchar AS update_rule,
       (CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
                             WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT'
                             WHEN 'a' THEN 'NO ACTION' END)::varchar AS delete_rule
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_namespace ncon ON ncon.oid = con.connamespace
LEFT JOIN pg_catalog.pg_constraint pkc
       ON pkc.conindid = con.conindid AND pkc.contype IN ('p', 'u')
      AND pkc.conrelid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace npkc ON npkc.oid = pkc.connamespace
WHERE con.contype = 'f'
)sql"},

    // The columns a constraint uses: a CHECK's conkey lists the columns
    // its expression reads (PostgreSQL reads the same from pg_depend); a
    // foreign key uses the referenced columns.
    {"constraint_column_usage", R"sql(
SELECT DISTINCT current_database()::name AS table_catalog,
       nr.nspname::name AS table_schema,
       r.relname::name AS table_name,
       a.attname::name AS column_name,
       current_database()::name AS constraint_catalog,
       nc.nspname::name AS constraint_schema,
       c.conname::name AS constraint_name
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_namespace nc ON nc.oid = c.connamespace
JOIN pg_catalog.pg_class r
  ON r.oid = CASE WHEN c.contype = 'f' THEN c.confrelid ELSE c.conrelid END
JOIN pg_catalog.pg_namespace nr ON nr.oid = r.relnamespace
JOIN pg_catalog.pg_attribute a
  ON a.attrelid = r.oid
 AND a.attnum = ANY (CASE WHEN c.contype = 'f' THEN c.confkey ELSE c.conkey END)
WHERE c.contype IN ('c', 'p', 'u', 'f') AND r.relkind IN ('r', 'p') AND NOT a.attisdropped
)sql"},

    {"check_constraints", R"sql(
SELECT current_database()::name AS constraint_catalog,
       rs.nspname::name AS constraint_schema,
       con.conname::name AS constraint_name,
       substring(pg_catalog.pg_get_constraintdef(con.oid) FROM 7)::varchar AS check_clause
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_namespace rs ON rs.oid = con.connamespace
WHERE con.contype = 'c'
UNION
SELECT current_database()::name,
       n.nspname::name,
       (n.oid::text || '_' || r.oid::text || '_' || a.attnum::text || '_not_null')::name,
       (a.attname::text || ' IS NOT NULL')::varchar
FROM pg_catalog.pg_namespace n
JOIN pg_catalog.pg_class r ON r.relnamespace = n.oid
JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid
WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull AND r.relkind IN ('r', 'p')
)sql"},

    // An identity column's sequence is internal to it (pg_depend 'i') and
    // not listed; a serial column's is.
    {"sequences", R"sql(
SELECT current_database()::name AS sequence_catalog,
       nc.nspname::name AS sequence_schema,
       c.relname::name AS sequence_name,
       pg_catalog.format_type(s.seqtypid, NULL)::varchar AS data_type,
       (CASE t.typname WHEN 'int2' THEN 16 WHEN 'int4' THEN 32 WHEN 'int8' THEN 64 END)::int4
         AS numeric_precision,
       2::int4 AS numeric_precision_radix,
       0::int4 AS numeric_scale,
       s.seqstart::varchar AS start_value,
       s.seqmin::varchar AS minimum_value,
       s.seqmax::varchar AS maximum_value,
       s.seqincrement::varchar AS increment,
       (CASE WHEN s.seqcycle THEN 'YES' ELSE 'NO' END)::varchar AS cycle_option
FROM pg_catalog.pg_namespace nc
JOIN pg_catalog.pg_class c ON c.relnamespace = nc.oid
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
JOIN pg_catalog.pg_type t ON t.oid = s.seqtypid
WHERE c.relkind = 'S'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass::oid AND d.objid = c.oid
                    AND d.deptype = 'i')
)sql"},

    // The language names stand for pg_language's rows (internal 12, c 13,
    // sql 14), which Basalt does not compute.
    {"routines", R"sql(
SELECT current_database()::name AS specific_catalog,
       n.nspname::name AS specific_schema,
       (p.proname::text || '_' || p.oid::text)::name AS specific_name,
       current_database()::name AS routine_catalog,
       n.nspname::name AS routine_schema,
       p.proname::name AS routine_name,
       (CASE p.prokind WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN 'PROCEDURE' END)::varchar
         AS routine_type,
       NULL::name AS module_catalog,
       NULL::name AS module_schema,
       NULL::name AS module_name,
       NULL::name AS udt_catalog,
       NULL::name AS udt_schema,
       NULL::name AS udt_name,
       (CASE WHEN p.prokind = 'p' THEN NULL
             WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
             WHEN nt.nspname = 'pg_catalog' THEN pg_catalog.format_type(t.oid, NULL)
             ELSE 'USER-DEFINED' END)::varchar AS data_type,
       @unsized_type_columns@
       (CASE WHEN nt.nspname IS NOT NULL THEN current_database() END)::name AS type_udt_catalog,
       nt.nspname::name AS type_udt_schema,
       t.typname::name AS type_udt_name,
       @no_scope_columns@
       (CASE WHEN p.prokind <> 'p' THEN '0' END)::name AS dtd_identifier,
       (CASE WHEN p.prolang = 14 THEN 'SQL' ELSE 'EXTERNAL' END)::varchar AS routine_body,
       p.prosrc::varchar AS routine_definition,
       (CASE WHEN p.prolang = 13 THEN p.prosrc END)::varchar AS external_name,
       (CASE p.prolang WHEN 12 THEN 'INTERNAL' WHEN 13 THEN 'C' WHEN 14 THEN 'SQL'
                       ELSE 'PLPGSQL' END)::varchar AS external_language,
       'GENERAL'::varchar AS parameter_style,
       (CASE WHEN p.provolatile = 'i' THEN 'YES' ELSE 'NO' END)::varchar AS is_deterministic,
       'MODIFIES'::varchar AS sql_data_access,
       (CASE WHEN p.prokind <> 'p' THEN CASE WHEN p.proisstrict THEN 'YES' ELSE 'NO' END
        END)::varchar
         AS is_null_call,
       NULL::varchar AS sql_path,
       'YES'::varchar AS schema_level_routine,
       0::int4 AS max_dynamic_result_sets,
       NULL::varchar AS is_user_defined_cast,
       NULL::varchar AS is_implicitly_invocable,
       (CASE WHEN p.prosecdef THEN 'DEFINER' ELSE 'INVOKER' END)::varchar AS security_type,
       NULL::name AS to_sql_specific_catalog,
       NULL::name AS to_sql_specific_schema,
       NULL::name AS to_sql_specific_name,
       'NO'::varchar AS as_locator,
       NULL::timestamptz AS created,
       NULL::timestamptz AS last_altered,
       NULL::varchar AS new_savepoint_level,
       'NO'::varchar AS is_udt_dependent,
       NULL::varchar AS result_cast_from_data_type,
       NULL::varchar AS result_cast_as_locator,
       NULL::int4 AS result_cast_char_max_length,
       NULL::int4 AS result_cast_char_octet_length,
       NULL::name AS result_cast_char_set_catalog,
       NULL::name AS result_cast_char_set_schema,
       NULL::name AS result_cast_char_set_name,
       NULL::name AS result_cast_collation_catalog,
       NULL::name AS result_cast_collation_schema,
       NULL::name AS result_cast_collation_name,
       NULL::int4 AS result_cast_numeric_precision,
       NULL::int4 AS result_cast_numeric_precision_radix,
       NULL::int4 AS result_cast_numeric_scale,
       NULL::int4 AS result_cast_datetime_precision,
       NULL::varchar AS result_cast_interval_type,
       NULL::int4 AS result_cast_interval_precision,
       NULL::name AS result_cast_type_udt_catalog,
       NULL::name AS result_cast_type_udt_schema,
       NULL::name AS result_cast_type_udt_name,
       NULL::name AS result_cast_scope_catalog,
       NULL::name AS result_cast_scope_schema,
       NULL::name AS result_cast_scope_name,
       NULL::int4 AS result_cast_maximum_cardinality,
       NULL::name AS result_cast_dtd_identifier
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_type t ON t.oid = p.prorettype AND p.prokind <> 'p'
LEFT JOIN pg_catalog.pg_namespace nt ON nt.oid = t.typnamespace
)sql"},

    // Basalt's functions have IN parameters only (proargmodes and
    // proargnames are NULL) and no parameter defaults.
    {"parameters", R"sql(
SELECT current_database()::name AS specific_catalog,
       n.nspname::name AS specific_schema,
       (p.proname::text || '_' || p.oid::text)::name AS specific_name,
       x.n::int4 AS ordinal_position,
       (CASE WHEN p.proargmodes IS NULL THEN 'IN'
             WHEN p.proargmodes[x.n] IN ('i', 'v') THEN 'IN'
             WHEN p.proargmodes[x.n] IN ('o', 't') THEN 'OUT'
             WHEN p.proargmodes[x.n] = 'b' THEN 'INOUT' END)::varchar AS parameter_mode,
       'NO'::varchar AS is_result,
       'NO'::varchar AS as_locator,
       NULLIF(p.proargnames[x.n], '')::name AS parameter_name,
       (CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
             WHEN nt.nspname = 'pg_catalog' THEN pg_catalog.format_type(t.oid, NULL)
             ELSE 'USER-DEFINED' END)::varchar AS data_type,
       @unsized_type_columns@
       current_database()::name AS udt_catalog,
       nt.nspname::name AS udt_schema,
       t.typname::name AS udt_name,
       @no_scope_columns@
       x.n::text::name AS dtd_identifier,
       NULL::varchar AS parameter_default
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL information_schema._pg_expandarray(p.proargtypes) x
JOIN pg_catalog.pg_type t ON t.oid = x.x
JOIN pg_catalog.pg_namespace nt ON nt.oid = t.typnamespace
)sql"},

    // The database's encoding and the collation matching its locale, the
    // longest name first (C.utf8 before C).
    {"character_sets", R"sql(
SELECT NULL::name AS character_set_catalog,
       NULL::name AS character_set_schema,
       pg_catalog.pg_encoding_to_char(d.encoding)::name AS character_set_name,
       (CASE WHEN pg_catalog.pg_encoding_to_char(d.encoding) = 'UTF8' THEN 'UCS'
             ELSE pg_catalog.pg_encoding_to_char(d.encoding) END)::name AS character_repertoire,
       pg_catalog.pg_encoding_to_char(d.encoding)::name AS form_of_use,
       current_database()::name AS default_collate_catalog,
       co.nspname::name AS default_collate_schema,
       co.collname::name AS default_collate_name
FROM pg_catalog.pg_database d
LEFT JOIN (SELECT k.collname, k.collcollate, k.collctype, nk.nspname
           FROM pg_catalog.pg_collation k
           JOIN pg_catalog.pg_namespace nk ON nk.oid = k.collnamespace) co
       ON co.collcollate = d.datcollate AND co.collctype = d.datctype
WHERE d.datname = current_database()
ORDER BY char_length(co.collname::text) DESC, co.collname
LIMIT 1
)sql"},
};

std::string Expand(std::string_view query) {
  std::string out(query);
  for (const auto& [placeholder, columns] :
       {std::pair{std::string_view("@unsized_type_columns@"), kUnsizedTypeColumns},
        std::pair{std::string_view("@no_scope_columns@"), kNoScopeColumns}}) {
    for (size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder)) {
      out.replace(at, placeholder.size(), columns);
    }
  }
  return out;
}

}  // namespace

std::string_view InformationSchemaViewQuery(std::string_view name) {
  static const std::vector<std::pair<std::string_view, std::string>> queries = [] {
    std::vector<std::pair<std::string_view, std::string>> expanded;
    for (const auto& [view, query] : kViews) expanded.emplace_back(view, Expand(query));
    return expanded;
  }();
  for (const auto& [view, query] : queries) {
    if (view == name) return query;
  }
  return {};
}

}  // namespace basalt::catalog
