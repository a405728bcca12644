package io.masthead.web.api;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The Admin API's writes with hostile text, on PostgreSQL. */
class ApiHostileInputPostgresIT extends ApiHostileInputIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
