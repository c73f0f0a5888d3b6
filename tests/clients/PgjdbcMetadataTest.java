// pgjdbc's DatabaseMetaData against Basalt and PostgreSQL 15 side by side
// (issue 13): the same schema is made on both servers, each metadata call
// runs on both, and every row and column of the answers must be equal.
//
// pgjdbc builds each answer from its own pg_catalog queries (joins,
// information_schema._pg_expandarray with `(x).n`, regproc casts), so this
// is a test of the catalog as a driver reads it. Allowed differences, all
// listed here: getIndexInfo's CARDINALITY and PAGES (PostgreSQL's reltuples
// / relpages of a never-vacuumed table; Basalt's estimates) and
// getTypeInfo, compared for the types Basalt has (every one of them must be
// in PostgreSQL's list, with the same row).
// Usage: java -cp postgresql.jar:<dir> PgjdbcMetadataTest <basalt port> <postgres port> [step ...]
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public class PgjdbcMetadataTest {
  static final String SCHEMA = "jdbc_meta";

  // Tables with every constraint kind, indexes of each shape, a view, a
  // materialized view, sequences and comments.
  static final String[] SCHEMA_SQL = {
    "drop schema if exists jdbc_meta cascade",
    "create schema jdbc_meta",
    "set search_path = jdbc_meta",
    "create table customers (id serial primary key, email varchar(120) not null unique, "
        + "name text, born date, balance numeric(12, 2) default 0 check (balance >= 0), "
        + "vip boolean not null default false, created timestamptz default now())",
    "comment on table customers is 'people who buy'",
    "comment on column customers.email is 'login name'",
    "create table orders (id bigint generated always as identity primary key, "
        + "customer_id int references customers (id) on delete cascade, "
        + "placed timestamp not null, total double precision, note varchar(40), "
        + "tags text[], doc jsonb, ref uuid unique)",
    "create index orders_customer on orders (customer_id)",
    "create index orders_placed_desc on orders (placed desc, total)",
    "create unique index orders_note_lower on orders (lower(note))",
    "create index orders_big on orders (total) where total > 100",
    "create table order_lines (order_id bigint, line smallint, product text not null, "
        + "qty int check (qty > 0), price real, primary key (order_id, line), "
        + "foreign key (order_id) references orders (id) on update cascade on delete restrict)",
    "create table shipments (order_id bigint, line smallint, shipped_on date, "
        + "constraint shipments_line_fk foreign key (order_id, line) "
        + "references order_lines (order_id, line) on delete set null, "
        + "unique (order_id, line, shipped_on))",
    "create sequence invoice_numbers start 1000 increment 10",
    "create view vip_customers as select id, email from customers where vip",
    "create materialized view order_totals as "
        + "select customer_id, sum(total) as total from orders group by customer_id",
  };

  interface Call {
    ResultSet run(DatabaseMetaData md) throws SQLException;
  }

  // An answer's rows, its column names first.
  interface ConnectionCall {
    List<List<String>> run(Connection conn) throws SQLException;
  }

  // pgjdbc's type lookups (TypeInfoCache: pg_type by OID, by name, and the
  // array type whose typinput is 'array_in'::regproc): what a result's
  // metadata says of each column, and an array made by createArrayOf.
  static List<List<String>> typeLookups(Connection conn) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("LABEL", "TYPE_NAME", "TYPE", "CLASS", "PRECISION", "SCALE", "NULLABLE",
        "AUTO_INCREMENT", "TABLE"));
    try (Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("select array[1, 2]::int4[] as ints, 'x'::name as n, "
             + "now() as t, 1.5::numeric(4, 2) as num, array['a']::text[] as texts, "
             + "'{}'::jsonb as doc, id, email from jdbc_meta.customers")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); ++i) {
        out.add(List.of(md.getColumnLabel(i), md.getColumnTypeName(i),
            String.valueOf(md.getColumnType(i)), md.getColumnClassName(i),
            String.valueOf(md.getPrecision(i)), String.valueOf(md.getScale(i)),
            String.valueOf(md.isNullable(i)), String.valueOf(md.isAutoIncrement(i)),
            md.getTableName(i)));
      }
    }
    for (String element : List.of("int4", "text", "float8", "varchar", "bool")) {
      java.sql.Array array = conn.createArrayOf(element, new Object[] {});
      out.add(List.of(element, array.getBaseTypeName(), String.valueOf(array.getBaseType())));
    }
    return out;
  }

  static List<List<String>> rows(ResultSet rs, Set<String> masked) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<String>> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); ++i) header.add(md.getColumnLabel(i).toUpperCase());
    out.add(header);
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); ++i) {
        row.add(masked.contains(header.get(i - 1)) ? "*" : rs.getString(i));
      }
      out.add(row);
    }
    rs.close();
    return out;
  }

  static String show(List<List<String>> rows) {
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) s.append("    ").append(row).append('\n');
    return s.toString();
  }

  public static void main(String[] args) throws Exception {
    String basaltUrl = "jdbc:postgresql://127.0.0.1:" + args[0] + "/basalt?user=basalt";
    String postgresUrl = "jdbc:postgresql://127.0.0.1:" + args[1] + "/basalt?user=basalt";
    List<String> wanted = Arrays.asList(args).subList(2, args.length);
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("getSchemas", md -> md.getSchemas(null, "jdbc%"));
    calls.put("getSchemas_all", md -> md.getSchemas());
    calls.put("getTables", md -> md.getTables(null, SCHEMA, "%", null));
    calls.put("getTables_types",
        md -> md.getTables(null, SCHEMA, "%", new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW"}));
    calls.put("getTableTypes", md -> md.getTableTypes());
    calls.put("getColumns", md -> md.getColumns(null, SCHEMA, "%", "%"));
    calls.put("getPrimaryKeys_customers", md -> md.getPrimaryKeys(null, SCHEMA, "customers"));
    calls.put("getPrimaryKeys_order_lines", md -> md.getPrimaryKeys(null, SCHEMA, "order_lines"));
    calls.put("getPrimaryKeys_all", md -> md.getPrimaryKeys(null, SCHEMA, null));
    calls.put("getImportedKeys_orders", md -> md.getImportedKeys(null, SCHEMA, "orders"));
    calls.put("getImportedKeys_shipments", md -> md.getImportedKeys(null, SCHEMA, "shipments"));
    calls.put("getExportedKeys_orders", md -> md.getExportedKeys(null, SCHEMA, "orders"));
    calls.put("getCrossReference",
        md -> md.getCrossReference(null, SCHEMA, "order_lines", null, SCHEMA, "shipments"));
    calls.put("getIndexInfo_orders", md -> md.getIndexInfo(null, SCHEMA, "orders", false, false));
    calls.put("getIndexInfo_unique", md -> md.getIndexInfo(null, SCHEMA, "orders", true, false));
    calls.put("getIndexInfo_shipments",
        md -> md.getIndexInfo(null, SCHEMA, "shipments", false, true));
    calls.put("getBestRowIdentifier",
        md -> md.getBestRowIdentifier(null, SCHEMA, "order_lines", DatabaseMetaData.bestRowSession,
            true));
    calls.put("getProcedures", md -> md.getProcedures(null, "pg_catalog", "ltrim"));
    calls.put("getFunctions", md -> md.getFunctions(null, "pg_catalog", "rtrim"));
    calls.put("getTypeInfo", md -> md.getTypeInfo());
    Set<String> masked = Set.of("CARDINALITY", "PAGES");
    Map<String, ConnectionCall> connectionCalls = new LinkedHashMap<>();
    for (Map.Entry<String, Call> call : calls.entrySet()) {
      connectionCalls.put(call.getKey(),
          conn -> rows(call.getValue().run(conn.getMetaData()), masked));
    }
    connectionCalls.put("typeLookups", PgjdbcMetadataTest::typeLookups);
    int passed = 0;
    int failed = 0;
    try (Connection basalt = DriverManager.getConnection(basaltUrl);
         Connection postgres = DriverManager.getConnection(postgresUrl)) {
      for (Connection conn : List.of(basalt, postgres)) {
        try (Statement st = conn.createStatement()) {
          for (String sql : SCHEMA_SQL) st.execute(sql);
        }
      }
      for (Map.Entry<String, ConnectionCall> call : connectionCalls.entrySet()) {
        if (!wanted.isEmpty() && !wanted.contains(call.getKey())) continue;
        try {
          List<List<String>> expected = call.getValue().run(postgres);
          List<List<String>> actual = call.getValue().run(basalt);
          if (call.getKey().equals("getTypeInfo")) expected = restrictTypes(expected, actual);
          if (!actual.equals(expected)) {
            throw new Exception("Basalt answered\n" + show(actual) + "  PostgreSQL 15 answered\n"
                + show(expected));
          }
          ++passed;
          System.out.println("ok   " + call.getKey() + " (" + (actual.size() - 1) + " rows)");
        } catch (Exception e) {
          ++failed;
          System.out.println("FAIL " + call.getKey() + ": " + e.getMessage());
        }
      }
      for (Connection conn : List.of(basalt, postgres)) {
        try (Statement st = conn.createStatement()) {
          st.execute("drop schema jdbc_meta cascade");
        }
      }
    }
    System.out.println("pgjdbc metadata: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  // PostgreSQL's getTypeInfo rows for the type names Basalt lists, in
  // Basalt's order; a name PostgreSQL lacks stays in Basalt's answer only,
  // so the comparison fails on it.
  static List<List<String>> restrictTypes(List<List<String>> expected, List<List<String>> actual) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (List<String> row : expected.subList(1, expected.size())) byName.put(row.get(0), row);
    List<List<String>> out = new ArrayList<>();
    out.add(expected.get(0));
    for (List<String> row : actual.subList(1, actual.size())) {
      if (byName.containsKey(row.get(0))) out.add(byName.get(row.get(0)));
    }
    return out;
  }
}
