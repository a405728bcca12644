package io.masthead.newsroom;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** Every newsroom form with hostile text, on PostgreSQL. */
class HostileFormsPostgresIT extends HostileFormsIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
