package io.masthead.search;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** Search on PostgreSQL: the same tests; the index follows the change log woken by NOTIFY. */
class SearchPostgresIT extends SearchIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
