package io.masthead.web.api;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The API tests on PostgreSQL. */
class ApiPostgresIT extends ApiIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
