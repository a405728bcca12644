package io.masthead.wordpress;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The same import, addresses, re-runs and refusals on PostgreSQL: the same SQL on both. */
class WordPressImportPostgresIT extends WordPressImportIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
