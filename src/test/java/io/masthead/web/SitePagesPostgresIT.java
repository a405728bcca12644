package io.masthead.web;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

class SitePagesPostgresIT extends SitePagesContract {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
