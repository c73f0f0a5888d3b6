// pgjdbc (Debian's libpostgresql-jdbc-java) over the extended query protocol.
//
// pgjdbc runs a PreparedStatement through the unnamed statement until it has
// executed prepareThreshold (default 5) times, then parses it once under a
// name (S_1, ...) and asks for binary results; batches send many
// Bind/Execute before one Sync; setFetchSize(n) with autocommit off executes a
// named portal n rows at a time (PortalSuspended) across Syncs; and
// ResultSetMetaData's table name and nullability come from a query over
// pg_catalog that pgjdbc sends itself.
//
// Every step runs on its own connection and table even when an earlier one
// failed; the failures are listed at the end. Run by pgjdbc_test.sh against
// Basalt; passes against PostgreSQL 15 too.
// Usage: java -cp postgresql.jar:<dir> PgjdbcTest <port> [step ...]
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

public class PgjdbcTest {
  static String url;

  static class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }

  interface Step {
    void run(Connection conn) throws Exception;
  }

  static void check(Object actual, Object expected, String what) throws Failure {
    if (!Objects.equals(actual, expected)) {
      throw new Failure(what + ": got " + show(actual) + ", expected " + show(expected));
    }
  }

  static String show(Object o) {
    if (o == null) return "null";
    if (o instanceof int[]) return Arrays.toString((int[]) o);
    return o + " (" + o.getClass().getSimpleName() + ")";
  }

  static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(url + extra);
  }

  static void freshTable(Connection conn, String name, String columns) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("drop table if exists " + name);
      st.execute("create table " + name + " (" + columns + ")");
    }
  }

  static List<Integer> ints(ResultSet rs) throws SQLException {
    List<Integer> out = new ArrayList<>();
    while (rs.next()) out.add(rs.getInt(1));
    return out;
  }

  static List<Integer> range(int from, int to, int step) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i += step) out.add(i);
    return out;
  }

  // Every Basalt type through setXxx and getXxx, text and (past the
  // threshold) binary; the JDBC types the result reports.
  static void types(Connection conn) throws Exception {
    freshTable(conn, "jdbc_types",
        "id int4 primary key, s int2, b int8, r float4, d float8, n numeric(10,2), t text, "
            + "v varchar(20), f bool, dt date, ts timestamp, tz timestamptz");
    try (PreparedStatement ins = conn.prepareStatement(
             "insert into jdbc_types values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ins.setInt(1, 1);
      ins.setShort(2, (short) -7);
      ins.setLong(3, 9_000_000_000L);
      ins.setFloat(4, 1.5f);
      ins.setDouble(5, 1e100);
      ins.setBigDecimal(6, new BigDecimal("-12.34"));
      ins.setString(7, "apple");
      ins.setString(8, "red");
      ins.setBoolean(9, true);
      ins.setObject(10, LocalDate.of(2024, 2, 29));
      ins.setObject(11, LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000));
      ins.setObject(12, OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC));
      check(ins.executeUpdate(), 1, "insert count");
      ins.setInt(1, 2);
      for (int i = 2; i <= 12; ++i) ins.setNull(i, Types.NULL);
      check(ins.executeUpdate(), 1, "insert of NULLs count");
    }
    // Ten runs: text results first, binary ones after prepareThreshold.
    try (PreparedStatement sel = conn.prepareStatement("select * from jdbc_types where id = ?")) {
      for (int run = 0; run < 10; ++run) {
        sel.setInt(1, 1);
        try (ResultSet rs = sel.executeQuery()) {
          String when = " (run " + run + ")";
          check(rs.next(), true, "row found" + when);
          check(rs.getShort("s"), (short) -7, "int2" + when);
          check(rs.getLong("b"), 9_000_000_000L, "int8" + when);
          check(rs.getFloat("r"), 1.5f, "float4" + when);
          check(rs.getDouble("d"), 1e100, "float8" + when);
          check(rs.getBigDecimal("n"), new BigDecimal("-12.34"), "numeric" + when);
          check(rs.getString("t"), "apple", "text" + when);
          check(rs.getString("v"), "red", "varchar" + when);
          check(rs.getBoolean("f"), true, "bool" + when);
          check(rs.getObject("dt", LocalDate.class), LocalDate.of(2024, 2, 29), "date" + when);
          check(rs.getObject("ts", LocalDateTime.class),
              LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), "timestamp" + when);
          check(rs.getObject("tz", OffsetDateTime.class).toInstant(),
              OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC).toInstant(),
              "timestamptz" + when);
          check(rs.next(), false, "one row" + when);
        }
        sel.setInt(1, 2);
        try (ResultSet rs = sel.executeQuery()) {
          check(rs.next(), true, "NULL row found");
          for (int i = 2; i <= 12; ++i) check(rs.getObject(i), null, "NULL in column " + i);
        }
      }
      ResultSetMetaData md = sel.getMetaData();
      List<Integer> sqlTypes = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); ++i) sqlTypes.add(md.getColumnType(i));
      check(sqlTypes,
          Arrays.asList(Types.INTEGER, Types.SMALLINT, Types.BIGINT, Types.REAL, Types.DOUBLE,
              Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.BIT, Types.DATE, Types.TIMESTAMP,
              Types.TIMESTAMP),
          "java.sql.Types of the columns");
    }
  }

  // The same PreparedStatement far past prepareThreshold: named statement,
  // binary int4/int8/float8 results, parameters bound again each time.
  static void preparedDefault(Connection conn) throws Exception {
    preparedRuns(conn, "jdbc_prep");
  }

  // prepareThreshold=1: named and binary from the first execution.
  static void preparedThreshold1(Connection ignored) throws Exception {
    try (Connection conn = connect("&prepareThreshold=1")) {
      preparedRuns(conn, "jdbc_prep1");
    }
  }

  static void preparedRuns(Connection conn, String table) throws Exception {
    freshTable(conn, table, "id int8 primary key, name text, score float8, qty int4");
    try (PreparedStatement ins =
             conn.prepareStatement("insert into " + table + " values (?, ?, ?, ?)")) {
      for (int i = 1; i <= 20; ++i) {
        ins.setLong(1, i);
        ins.setString(2, "n" + i);
        ins.setDouble(3, i * 0.25);
        ins.setInt(4, i * 10);
        check(ins.executeUpdate(), 1, "prepared insert " + i);
      }
    }
    try (PreparedStatement sel = conn.prepareStatement(
             "select id, name, score, qty from " + table + " where id = ?")) {
      for (int i = 1; i <= 20; ++i) {
        sel.setLong(1, i);
        try (ResultSet rs = sel.executeQuery()) {
          check(rs.next(), true, "row " + i + " found");
          check(rs.getLong(1), (long) i, "id, run " + i);
          check(rs.getString(2), "n" + i, "name, run " + i);
          check(rs.getDouble(3), i * 0.25, "score, run " + i);
          check(rs.getInt(4), i * 10, "qty, run " + i);
          check(rs.next(), false, "one row, run " + i);
        }
      }
      check(sel.unwrap(org.postgresql.PGStatement.class).isUseServerPrepare(), true,
          "server-prepared after the threshold");
    }
    try (PreparedStatement upd = conn.prepareStatement(
             "update " + table + " set qty = qty + ? where id <= ?")) {
      for (int i = 0; i < 8; ++i) {
        upd.setInt(1, 1);
        upd.setLong(2, 5);
        check(upd.executeUpdate(), 5, "prepared update count, run " + i);
      }
    }
    try (PreparedStatement sel = conn.prepareStatement(
             "select qty from " + table + " where id <= ? order by id desc limit ?")) {
      for (int i = 0; i < 8; ++i) {
        sel.setLong(1, 5);
        sel.setInt(2, 2);
        try (ResultSet rs = sel.executeQuery()) {
          check(ints(rs), Arrays.asList(58, 48), "ORDER BY DESC LIMIT ?, run " + i);
        }
      }
    }
  }

  // addBatch/executeBatch: prepared and plain batches, and one that fails.
  static void batches(Connection conn) throws Exception {
    freshTable(conn, "jdbc_batch", "id int4 primary key, v varchar(10), d date");
    try (PreparedStatement ins =
             conn.prepareStatement("insert into jdbc_batch values (?, ?, ?)")) {
      for (int i = 0; i < 100; ++i) {
        ins.setInt(1, i);
        ins.setString(2, "v" + i);
        ins.setObject(3, LocalDate.of(2024, 1, 1).plusDays(i));
        ins.addBatch();
      }
      int[] counts = ins.executeBatch();
      int[] ones = new int[100];
      Arrays.fill(ones, 1);
      check(Arrays.toString(counts), Arrays.toString(ones), "batch update counts");
    }
    try (Statement st = conn.createStatement()) {
      st.addBatch("update jdbc_batch set v = 'x' where id < 10");
      st.addBatch("delete from jdbc_batch where id >= 90");
      st.addBatch("insert into jdbc_batch values (500, 'five', '2000-01-01')");
      check(Arrays.toString(st.executeBatch()), "[10, 10, 1]", "statement batch counts");
      try (ResultSet rs = st.executeQuery("select id from jdbc_batch where v = 'x' order by id")) {
        check(ints(rs), range(0, 10, 1), "batched update applied");
      }
      try (ResultSet rs = st.executeQuery("select d from jdbc_batch where id = 42")) {
        rs.next();
        check(rs.getObject(1, LocalDate.class), LocalDate.of(2024, 2, 12), "batched date");
      }
    }
    // A duplicate key in the middle of an autocommit batch: pgjdbc sends the
    // whole batch before one Sync, so it is one implicit transaction and the
    // rows before the duplicate are rolled back with it.
    try (PreparedStatement ins =
             conn.prepareStatement("insert into jdbc_batch values (?, ?, ?)")) {
      for (int id : new int[] {200, 201, 5, 202}) {
        ins.setInt(1, id);
        ins.setString(2, "b");
        ins.setObject(3, null, Types.DATE);
        ins.addBatch();
      }
      try {
        ins.executeBatch();
        throw new Failure("a batch with a duplicate key raised nothing");
      } catch (BatchUpdateException e) {
        check(e.getSQLState(), "23505", "SQLSTATE of the failed batch");
      }
    }
    try (Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery(
             "select id from jdbc_batch where id >= 200 and id < 300 order by id")) {
      check(ints(rs), Arrays.asList(), "rows before the failing one rolled back");
    }
  }

  // setFetchSize with autocommit off: the portal is executed 10 rows at a
  // time; two of them open at once; every row arrives in order.
  static void fetchSize(Connection conn) throws Exception {
    freshTable(conn, "jdbc_fetch", "id int4 primary key, v text");
    try (PreparedStatement ins = conn.prepareStatement("insert into jdbc_fetch values (?, ?)")) {
      for (int i = 1; i <= 95; ++i) {
        ins.setInt(1, i);
        ins.setString(2, "r" + i);
        ins.addBatch();
      }
      ins.executeBatch();
    }
    conn.setAutoCommit(false);
    try (PreparedStatement a = conn.prepareStatement("select id, v from jdbc_fetch order by id");
         PreparedStatement b = conn.prepareStatement(
             "select id from jdbc_fetch where id > ? order by id desc")) {
      a.setFetchSize(10);
      b.setFetchSize(7);
      b.setInt(1, 50);
      try (ResultSet ra = a.executeQuery(); ResultSet rb = b.executeQuery()) {
        List<Integer> seenA = new ArrayList<>();
        List<Integer> seenB = new ArrayList<>();
        boolean moreA = true;
        boolean moreB = true;
        while (moreA || moreB) {  // interleaved: both portals stay open
          if (moreA && (moreA = ra.next())) {
            seenA.add(ra.getInt(1));
            check(ra.getString(2), "r" + ra.getInt(1), "value beside id " + ra.getInt(1));
          }
          if (moreB && (moreB = rb.next())) seenB.add(rb.getInt(1));
        }
        check(seenA, range(1, 96, 1), "all rows through fetch size 10");
        List<Integer> expectedB = range(51, 96, 1);
        java.util.Collections.reverse(expectedB);
        check(seenB, expectedB, "all rows through fetch size 7");
      }
      // The transaction goes on after the portals: a write and a read.
      try (Statement st = conn.createStatement()) {
        st.executeUpdate("delete from jdbc_fetch where id > 90");
        st.setFetchSize(4);
        try (ResultSet rs = st.executeQuery("select id from jdbc_fetch where id > 80 order by id")) {
          check(ints(rs), range(81, 91, 1), "plain statement with fetch size 4");
        }
      }
      conn.rollback();
    }
    // After an error in the transaction, the open portal yields no more rows:
    // fetching the next 5 is refused with 25P02 like any other statement.
    try (PreparedStatement c = conn.prepareStatement("select id from jdbc_fetch order by id");
         Statement st = conn.createStatement()) {
      c.setFetchSize(5);
      try (ResultSet rs = c.executeQuery()) {
        for (int i = 1; i <= 5; ++i) check(rs.next() ? rs.getInt(1) : null, i, "first fetch");
        try {
          st.executeQuery("select 1 / 0");
          throw new Failure("1 / 0 raised nothing");
        } catch (SQLException e) {
          check(e.getSQLState(), "22012", "division by zero");
        }
        try {
          rs.next();
          throw new Failure("a portal went on fetching rows in an aborted transaction");
        } catch (SQLException e) {
          check(e.getSQLState(), "25P02", "fetch in an aborted transaction");
        }
      }
      conn.rollback();
    }
    conn.setAutoCommit(true);
    try (Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("select id from jdbc_fetch where id > 90 order by id")) {
      check(ints(rs), range(91, 96, 1), "rollback after the fetches");
    }
  }

  // ResultSetMetaData for SELECT a AS x FROM t: what RowDescription tells
  // (label, type, typmod) and the row itself.
  static void metadata(Connection conn) throws Exception {
    freshTable(conn, "jdbc_meta", "a int4 primary key, b text not null, c numeric(6,2)");
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("insert into jdbc_meta values (1, 'one', 1.5)");
    }
    try (PreparedStatement ps =
             conn.prepareStatement("select a as x, b, c as total from jdbc_meta where a = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        check(md.getColumnCount(), 3, "column count");
        check(md.getColumnLabel(1), "x", "getColumnLabel");
        check(md.getColumnName(1), "x", "getColumnName (pgjdbc gives the label)");
        check(md.getColumnLabel(3), "total", "getColumnLabel of an alias");
        check(md.getColumnType(1), Types.INTEGER, "getColumnType int4");
        check(md.getColumnType(3), Types.NUMERIC, "getColumnType numeric");
        check(md.getPrecision(3), 6, "numeric precision from the type modifier");
        check(md.getScale(3), 2, "numeric scale from the type modifier");
        check(rs.next(), true, "a row");
        check(rs.getInt("x"), 1, "value by label");
        check(rs.getBigDecimal("total"), new java.math.BigDecimal("1.50"), "numeric value");
      }
    }
  }

  // What pgjdbc learns from its own query over pg_class, pg_namespace,
  // pg_attribute, pg_type and pg_attrdef (joins, a UNION ALL derived table,
  // pg_get_expr): the table name, base column name, nullability, type name.
  static void metadataCatalog(Connection conn) throws Exception {
    freshTable(conn, "jdbc_meta", "a int4 primary key, b text not null, c numeric(6,2)");
    try (PreparedStatement ps =
             conn.prepareStatement("select a as x, b, c as total from jdbc_meta where a = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        check(md.getTableName(1), "jdbc_meta", "getTableName");
        check(md.unwrap(org.postgresql.PGResultSetMetaData.class).getBaseColumnName(1), "a",
            "getBaseColumnName");
        check(md.isNullable(2), ResultSetMetaData.columnNoNulls, "isNullable of NOT NULL b");
        check(md.isNullable(3), ResultSetMetaData.columnNullable, "isNullable of c");
        check(md.getColumnTypeName(1), "int4", "getColumnTypeName");
      }
    }
  }

  // Transactions through the JDBC API, and errors with their SQLSTATE.
  static void transactionsAndErrors(Connection conn) throws Exception {
    freshTable(conn, "jdbc_tx", "id int4 primary key, v int8");
    conn.setAutoCommit(false);
    try (PreparedStatement ins = conn.prepareStatement("insert into jdbc_tx values (?, ?)")) {
      ins.setInt(1, 1);
      ins.setLong(2, 100);
      ins.executeUpdate();
      conn.commit();
      ins.setInt(1, 2);
      ins.setLong(2, 200);
      ins.executeUpdate();
      conn.rollback();
      ins.setInt(1, 1);
      try {
        ins.executeUpdate();
        throw new Failure("a duplicate key raised nothing");
      } catch (SQLException e) {
        check(e.getSQLState(), "23505", "duplicate key SQLSTATE");
      }
      try (Statement st = conn.createStatement()) {
        st.executeQuery("select 1");
        throw new Failure("a statement in a failed transaction ran");
      } catch (SQLException e) {
        check(e.getSQLState(), "25P02", "in failed transaction SQLSTATE");
      }
      conn.rollback();
    }
    conn.setAutoCommit(true);
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("select id from jdbc_tx order by id")) {
        check(ints(rs), Arrays.asList(1), "committed row only");
      }
      String[][] cases = {
          {"select * from jdbc_missing", "42P01"},
          {"select nope from jdbc_tx", "42703"},
          {"select 1 / 0", "22012"},
          {"selec 1", "42601"},
      };
      for (String[] c : cases) {
        try {
          st.executeQuery(c[0]);
          throw new Failure(c[0] + ": no error");
        } catch (SQLException e) {
          check(e.getSQLState(), c[1], "SQLSTATE of " + c[0]);
        }
      }
    }
    // setString binds a varchar parameter: int4 = varchar has no operator.
    try (PreparedStatement ps = conn.prepareStatement("select v from jdbc_tx where id = ?")) {
      ps.setString(1, "1");
      ps.executeQuery();
      throw new Failure("int4 = varchar raised nothing");
    } catch (SQLException e) {
      check(e.getSQLState(), "42883", "int4 = varchar parameter SQLSTATE");
    }
    // An untyped parameter (Types.OTHER) takes int4 from the column.
    try (PreparedStatement ps = conn.prepareStatement("select v from jdbc_tx where id = ?")) {
      ps.setObject(1, "1", Types.OTHER);
      try (ResultSet rs = ps.executeQuery()) {
        check(rs.next() ? rs.getLong(1) : null, 100L, "untyped parameter");
      }
      ps.setObject(1, "not a number", Types.OTHER);
      ps.executeQuery();
      throw new Failure("a bad untyped parameter raised nothing");
    } catch (SQLException e) {
      check(e.getSQLState(), "22P02", "bad untyped parameter SQLSTATE");
    }
  }

  public static void main(String[] args) throws Exception {
    url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/basalt?user=basalt";
    Map<String, Step> steps = new LinkedHashMap<>();
    steps.put("types", PgjdbcTest::types);
    steps.put("prepared_default", PgjdbcTest::preparedDefault);
    steps.put("prepared_threshold_1", PgjdbcTest::preparedThreshold1);
    steps.put("batches", PgjdbcTest::batches);
    steps.put("fetch_size", PgjdbcTest::fetchSize);
    steps.put("metadata", PgjdbcTest::metadata);
    steps.put("metadata_catalog", PgjdbcTest::metadataCatalog);
    steps.put("transactions_errors", PgjdbcTest::transactionsAndErrors);
    List<String> wanted = Arrays.asList(args).subList(1, args.length);
    int passed = 0;
    int failed = 0;
    for (Map.Entry<String, Step> step : steps.entrySet()) {
      if (!wanted.isEmpty() && !wanted.contains(step.getKey())) continue;
      try (Connection conn = connect("")) {
        step.getValue().run(conn);
        ++passed;
        System.out.println("ok   " + step.getKey());
      } catch (Failure e) {
        ++failed;
        System.out.println("FAIL " + step.getKey() + ": " + e.getMessage());
      } catch (SQLException e) {
        ++failed;
        System.out.println("FAIL " + step.getKey() + ": SQLException " + e.getSQLState() + ": "
            + e.getMessage());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); ++i) System.out.println("    at " + trace[i]);
      } catch (Exception e) {
        ++failed;
        System.out.println("FAIL " + step.getKey() + ": " + e);
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); ++i) System.out.println("    at " + trace[i]);
      }
    }
    System.out.println("pgjdbc: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }
}
