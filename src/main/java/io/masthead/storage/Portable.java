package io.masthead.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A whole outlet as portable JSON Lines, the same on SQLite and PostgreSQL, so that one command
 * pair moves an outlet between them ({@code masthead export}, {@code masthead import
 * --from-export}). The format ({@code masthead-export/1}):
 *
 * <ul>
 *   <li>line 1: {@code {"format": "masthead-export/1", "createdAt": "…", "tables": [...]}};
 *   <li>then one line per row, table by table in the order given (parents before children):
 *       {@code {"t": "article", "r": {"id": 42, "headline": "…", …}}}; a time is UTC text of fixed
 *       width ({@code 2026-11-03T03:54:49.000Z}), a flag {@code true}/{@code false} (or 1/0 as
 *       SQLite keeps it), a number a number, null null;
 *   <li>last: {@code {"end": true, "rows": {"article": 1000, …}}}: a file without it was cut short
 *       and is refused.
 * </ul>
 *
 * What is left out is rebuilt or volatile: the change log and its cursors, sessions, sign-in
 * counters, leases, webhook deliveries, the search indexes. Streams both ways: never all rows in
 * memory.
 */
public final class Portable {
  public static final String FORMAT = "masthead-export/1";

  /** Every table exported, parents before children. */
  public static final List<String> TABLES = List.of(
      "edition",
      "section",
      "series",
      "tag",
      "author",
      "staff",
      "media",
      "article",
      "article_media",
      "article_alias",
      "article_byline",
      "article_tag",
      "correction",
      "listing",
      "front_page",
      "front_page_top",
      "reader",
      "favorite",
      "setting",
      "article_revision",
      "audit_log",
      "api_token",
      "webhook_endpoint",
      "import_origin",
      "legacy_address",
      "wire_source",
      "wire_delivery",
      "wire_cluster",
      "wire_item",
      "wire_item_version",
      "wire_rejected",
      "article_source");

  /** Refused: the file is not an export, was cut short, or the target is not empty. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private Portable() {}

  /** Writes every table; {@code progress} hears (table, rows so far). The rows per table. */
  public static Map<String, Long> export(
      Database database, OutputStream out, BiConsumer<String, Long> progress) throws IOException {
    var counts = new LinkedHashMap<String, Long>();
    try (var json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      json.writeStringField("createdAt", Instant.now().toString());
      json.writeArrayFieldStart("tables");
      for (var table : TABLES) json.writeString(table);
      json.writeEndArray();
      json.writeEndObject();
      // One snapshot for all tables: a repeatable-read transaction on PostgreSQL; on SQLite a
      // copy made by VACUUM INTO (a transaction there would hold the writer's lock throughout).
      if (database.dialect() == Dialect.SQLITE) {
        var copy = java.nio.file.Files.createTempFile("masthead-export-", ".db");
        java.nio.file.Files.delete(copy);
        try {
          database.snapshotSqliteTo(copy);
          try (var snapshot = Database.open("jdbc:sqlite:" + copy.toAbsolutePath(), "", "")) {
            snapshot.jdbi().useHandle(h -> writeTables(h, json, counts, progress));
          }
        } finally {
          java.nio.file.Files.deleteIfExists(copy);
        }
      } else {
        database
            .jdbi()
            .useTransaction(
                org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ,
                h -> writeTables(h, json, counts, progress));
      }
      json.writeStartObject();
      json.writeBooleanField("end", true);
      json.writeObjectFieldStart("rows");
      for (var e : counts.entrySet()) json.writeNumberField(e.getKey(), e.getValue());
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
    }
    return counts;
  }

  private static void writeTables(
      org.jdbi.v3.core.Handle h,
      JsonGenerator json,
      Map<String, Long> counts,
      BiConsumer<String, Long> progress) {
    for (var table : TABLES) {
      long[] rows = {0};
      h.createQuery("SELECT * FROM " + table + " ORDER BY " + order(table))
          .setFetchSize(1_000)
          .map((rs, ctx) -> {
            writeRow(json, table, rs);
            if (++rows[0] % 10_000 == 0) progress.accept(table, rows[0]);
            return 1;
          })
          .forEach(ignored -> {});
      counts.put(table, rows[0]);
      progress.accept(table, rows[0]);
    }
  }

  /** Sections after their parents; every other table by its columns' natural order. */
  private static String order(String table) {
    return table.equals("section") ? "CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id" : "1";
  }

  private static void writeRow(JsonGenerator json, String table, ResultSet rs) {
    try {
      var meta = rs.getMetaData();
      json.writeStartObject();
      json.writeStringField("t", table);
      json.writeObjectFieldStart("r");
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        var name = meta.getColumnName(c).toLowerCase(java.util.Locale.ROOT);
        var value = rs.getObject(c);
        if (value == null) json.writeNullField(name);
        else if (value instanceof Boolean b) json.writeBooleanField(name, b);
        else if (value instanceof Integer || value instanceof Long || value instanceof Short)
          json.writeNumberField(name, ((Number) value).longValue());
        else if (value instanceof Number n) json.writeNumberField(name, n.doubleValue());
        else if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime)
          json.writeStringField(
              name, Dialect.canonical(rs.getObject(c, OffsetDateTime.class).toInstant()));
        else json.writeStringField(name, value.toString());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot export " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an export into {@code database}, which must hold no outlet yet (freshly migrated), in one
   * transaction: all of it, or nothing. The rows per table.
   */
  public static Map<String, Long> importInto(
      Database database, InputStream in, BiConsumer<String, Long> progress) throws IOException {
    boolean empty = database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM edition").mapTo(Long.class).one() == 0);
    if (!empty) throw new Refused("the target outlet is not empty: import goes into a new outlet");
    var counts = new LinkedHashMap<String, Long>();
    try (var json = JSON.createParser(in)) {
      var header = readObject(json);
      if (header == null || !FORMAT.equals(header.get("format")))
        throw new Refused("not a Masthead export (" + FORMAT + ")");
      database.useTransaction(h -> {
        if (database.dialect() == Dialect.SQLITE) h.execute("PRAGMA defer_foreign_keys = ON");
        Insert insert = null;
        Map<String, Object> end = null;
        Map<String, Object> line;
        while ((line = readObject(json)) != null) {
          if (Boolean.TRUE.equals(line.get("end"))) {
            end = line;
            break;
          }
          var table = String.valueOf(line.get("t"));
          if (!TABLES.contains(table)) throw new Refused("unknown table " + table);
          @SuppressWarnings("unchecked")
          var row = (Map<String, Object>) line.get("r");
          if (insert == null || !insert.table.equals(table)) {
            // The tables come parents first: a parent's last rows are written before a child's.
            if (insert != null) insert.close();
            if (counts.containsKey(table))
              throw new Refused("the rows of " + table + " are not together");
            insert = Insert.prepare(h, database.dialect(), table);
          }
          insert.add(row);
          long n = counts.merge(table, 1L, Long::sum);
          if (n % 10_000 == 0) progress.accept(table, n);
        }
        if (insert != null) insert.close();
        if (end == null) throw new Refused("the export was cut short: it has no end line");
        @SuppressWarnings("unchecked")
        var expected = (Map<String, Object>) end.get("rows");
        for (var e : expected.entrySet()) {
          long want = ((Number) e.getValue()).longValue();
          long got = counts.getOrDefault(e.getKey(), 0L);
          if (want != got)
            throw new Refused(e.getKey() + ": the export says " + want + " rows, it holds " + got);
        }
        for (var table : TABLES) {
          var reset = database.dialect().resetIdentitySql(table);
          if (reset != null && hasIdentity(h, table))
            h.createQuery(reset).mapTo(Long.class).one();
        }
        counts.forEach(progress);
      });
    }
    return counts;
  }

  /** Whether the table numbers its rows itself (an identity {@code id}), on PostgreSQL. */
  private static boolean hasIdentity(org.jdbi.v3.core.Handle h, String table) {
    return h.createQuery("""
            SELECT COUNT(*) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = :t AND column_name = 'id'
               AND (is_identity = 'YES' OR column_default IS NOT NULL)""").bind("t", table).mapTo(Long.class).one() > 0;
  }

  /** The next JSON object of the stream as a map, or null at its end. */
  private static Map<String, Object> readObject(JsonParser json) throws IOException {
    var token = json.nextToken();
    if (token == null) return null;
    if (token != JsonToken.START_OBJECT) throw new Refused("not JSON Lines of objects");
    return readFields(json);
  }

  private static Map<String, Object> readFields(JsonParser json) throws IOException {
    var map = new LinkedHashMap<String, Object>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      var name = json.currentName();
      var token = json.nextToken();
      map.put(
          name,
          switch (token) {
            case START_OBJECT -> readFields(json);
            case START_ARRAY -> {
              var list = new ArrayList<Object>();
              while (json.nextToken() != JsonToken.END_ARRAY) list.add(json.getText());
              yield list;
            }
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> json.getLongValue();
            case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
            default -> json.getText();
          });
    }
    return map;
  }

  /** A batched INSERT into one table, each value converted to the target column's type. */
  private static final class Insert {
    final String table;
    private final Dialect dialect;
    private final List<String> columns;
    private final List<Integer> types;
    private final PreparedStatement statement;
    private int pending;

    private Insert(
        String table,
        Dialect dialect,
        List<String> columns,
        List<Integer> types,
        PreparedStatement statement) {
      this.table = table;
      this.dialect = dialect;
      this.columns = columns;
      this.types = types;
      this.statement = statement;
    }

    static Insert prepare(org.jdbi.v3.core.Handle h, Dialect dialect, String table) {
      try {
        var connection = h.getConnection();
        var columns = new ArrayList<String>();
        var types = new ArrayList<Integer>();
        try (var probe = connection.createStatement();
            var rs = probe.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
          var meta = rs.getMetaData();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnName(c).toLowerCase(java.util.Locale.ROOT));
            types.add(meta.getColumnType(c));
          }
        }
        var sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        return new Insert(table, dialect, columns, types, connection.prepareStatement(sql));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot import into " + table + ": " + e.getMessage(), e);
      }
    }

    void add(Map<String, Object> row) {
      try {
        for (int i = 0; i < columns.size(); i++) bind(i + 1, types.get(i), row.get(columns.get(i)));
        statement.addBatch();
        if (++pending == 1_000) flush();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot import a row " + row + ": " + e.getMessage(), e);
      }
    }

    private void bind(int position, int type, Object value) throws SQLException {
      if (value == null) {
        statement.setNull(position, type);
        return;
      }
      switch (type) {
        case Types.BOOLEAN, Types.BIT ->
          statement.setBoolean(
              position, value instanceof Boolean b ? b : ((Number) value).longValue() != 0);
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          dialect.bindInstant(statement, position, Instant.parse(value.toString()));
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          statement.setLong(
              position, value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue());
        default -> {
          if (value instanceof Boolean b && dialect == Dialect.SQLITE)
            statement.setInt(position, b ? 1 : 0);
          else if (value instanceof Number n) statement.setObject(position, n);
          else statement.setString(position, value.toString());
        }
      }
    }

    private void flush() throws SQLException {
      if (pending == 0) return;
      statement.executeBatch();
      pending = 0;
    }

    void close() {
      try {
        flush();
        statement.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
