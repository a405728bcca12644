package io.masthead.testing;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of some tables, each value as text the same on SQLite and PostgreSQL (a flag as 1/0,
 * a time as fixed-width UTC text), for comparing an outlet with its copy.
 */
public final class TableRows {
  private TableRows() {}

  public static Map<String, Set<Map<String, String>>> of(Database database, List<String> tables) {
    var rows = new HashMap<String, Set<Map<String, String>>>();
    for (var table : tables) {
      rows.put(
          table,
          database.read(h -> h.createQuery("SELECT * FROM " + table)
              .map((rs, ctx) -> {
                var row = new HashMap<String, String>();
                var meta = rs.getMetaData();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                  var value = rs.getObject(c);
                  String text;
                  if (value == null) text = null;
                  else if (value instanceof Boolean b) text = b ? "1" : "0";
                  else if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime)
                    text =
                        Dialect.canonical(rs.getObject(c, OffsetDateTime.class).toInstant());
                  else text = value.toString();
                  row.put(meta.getColumnName(c).toLowerCase(java.util.Locale.ROOT), text);
                }
                return (Map<String, String>) row;
              })
              .collect(java.util.stream.Collectors.toCollection(HashSet::new))));
    }
    return rows;
  }
}
