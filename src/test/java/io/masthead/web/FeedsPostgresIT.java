package io.masthead.web;

import io.masthead.testing.TestDatabases;
import java.nio.file.Path;

/** The feeds and sitemaps on PostgreSQL: the same tests, another database (its months come from to_char). */
class FeedsPostgresIT extends FeedsIT {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }
}
