package io.masthead.wire;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The same desk on PostgreSQL: the same SQL on both. */
class WireDeskPostgresIT extends WireDeskIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
