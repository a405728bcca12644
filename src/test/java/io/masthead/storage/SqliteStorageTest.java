package io.masthead.storage;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

class SqliteStorageTest extends OutletStorageContract {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }
}
