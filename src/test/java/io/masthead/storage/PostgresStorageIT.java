package io.masthead.storage;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

class PostgresStorageIT extends OutletStorageContract {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
