package io.masthead.web;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** Hostile requests on PostgreSQL, which refuses what SQLite keeps (a NUL in text). */
class HostileInputPostgresIT extends HostileInputIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
