package io.masthead.search;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The same crash on PostgreSQL. */
class IndexerCrashPostgresIT extends IndexerCrashIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
