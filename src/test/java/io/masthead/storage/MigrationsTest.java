package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  /**
   * A database whose history ends at {@link Database#NEWEST_MIGRATION} opens without Flyway: were
   * a migration added without raising it, databases one migration behind would not be migrated.
   */
  @Test
  void a_schema_is_known_current_only_at_the_newest_migration_in_the_jar() throws Exception {
    var folder = Path.of(Database.class.getResource("/db/migration").toURI());
    int newest;
    try (var files = Files.list(folder)) {
      newest = files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.+\\.sql"))
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max()
          .orElseThrow();
    }
    assertThat(Database.NEWEST_MIGRATION)
        .as("Database.NEWEST_MIGRATION, raised with each new migration")
        .isEqualTo(Integer.toString(newest));
  }
}
