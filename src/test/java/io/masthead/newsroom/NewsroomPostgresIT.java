package io.masthead.newsroom;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The newsroom's HTTP tests on PostgreSQL. */
class NewsroomPostgresIT extends NewsroomIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
