package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL, and what only PostgreSQL does: a transaction that took a
 * lower change-log id can commit after a higher one (SQLite has one writer at a time).
 */
class PostgresStorageIT extends OutletStorageContract {
  @Override
  String databaseUrl(Path folder) {
    return TestDatabases.freshPostgres();
  }

  @Test
  void
      a_change_that_commits_out_of_id_order_is_still_handed_to_a_durable_follower_after_a_restart() {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var follower = new ChangeLog(database, clock);
    follower.follow("test-gaps", e -> seen.add(e.kind()));
    follower.start(60_000);
    try (var slow = database.jdbi().open()) {
      slow.begin();
      follower.append(
          slow, new io.masthead.change.Change.StructureChanged("en", "slow.change", List.of()));
      desk.create(Actor.PROGRAM, draft("Commits first", null)); // a higher id, committed first
      follower.catchUp();
      assertThat(seen).containsExactly("article.created");
      follower.close(); // down, with the slow change's id still awaited
      slow.commit();
    }
    var restarted = new ChangeLog(database, clock);
    restarted.follow("test-gaps", e -> seen.add(e.kind()));
    restarted.start(60_000);
    restarted.catchUp();
    assertThat(seen).containsExactly("article.created", "slow.change");
    restarted.close();
  }
}
