package io.masthead.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.demo.WireFiles;
import io.masthead.demo.WireStories;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The grouping on a labelled set: items written for the purpose, several agencies, English and
 * Arabic, copies, rewrites, updates, kills, and unrelated events of the same kind at the same
 * time. Each item goes through its agency's file format and parser, then the grouping, as on the
 * desk. Scored with B-cubed precision and recall (per item: how much of its cluster is its event,
 * how much of its event is in its cluster).
 */
class GroupingQualityTest {
  /** B-cubed precision, recall and F1 of clusters against true events, per item. */
  record Score(int items, int events, int clusters, double precision, double recall) {
    double f1() {
      return 2 * precision * recall / (precision + recall);
    }
  }

  static Score score(List<WireStories.Story> stories, int seedEvents) {
    var grouping = new Grouping();
    var itemIds = new HashMap<String, Long>();
    var clusterOf = new HashMap<Long, Long>();
    var eventOf = new HashMap<Long, Integer>();
    long nextCluster = 1;
    for (var story : stories) {
      Incoming in = parse(story);
      var key = story.agency().name() + " " + in.guid();
      var at = in.versionCreated();
      var known = itemIds.get(key);
      if (known != null) {
        grouping.remember(grouping.features(known, clusterOf.get(known), in, at));
        continue;
      }
      long id = itemIds.size() + 1;
      itemIds.put(key, id);
      eventOf.put(id, story.event());
      var f = grouping.features(id, 0, in, at);
      var match = grouping.best(f);
      if (System.getenv("GROUPING_DEBUG") != null && match != null)
        System.out.println((eventOf.get(match.itemId()).equals(story.event()) ? "RIGHT " : "WRONG ")
            + story.headline() + " <-> item " + match.itemId() + ": " + match.reason() + " score "
            + match.score());
      long cluster = match != null ? match.clusterId() : nextCluster++;
      clusterOf.put(id, cluster);
      grouping.remember(new Grouping.Features(
          id, cluster, f.language(), f.at(), f.terms(), f.names(), f.simhash(), f.headline()));
    }
    var byCluster = new HashMap<Long, List<Long>>();
    var byEvent = new HashMap<Integer, List<Long>>();
    clusterOf.forEach(
        (item, c) -> byCluster.computeIfAbsent(c, k -> new ArrayList<>()).add(item));
    eventOf.forEach(
        (item, e) -> byEvent.computeIfAbsent(e, k -> new ArrayList<>()).add(item));
    double precision = 0, recall = 0;
    for (var item : clusterOf.keySet()) {
      var cluster = byCluster.get(clusterOf.get(item));
      var event = byEvent.get(eventOf.get(item));
      long both =
          cluster.stream().filter(i -> eventOf.get(i).equals(eventOf.get(item))).count();
      precision += (double) both / cluster.size();
      recall += (double) both / event.size();
    }
    int n = clusterOf.size();
    return new Score(n, byEvent.size(), byCluster.size(), precision / n, recall / n);
  }

  static Incoming parse(WireStories.Story story) {
    try {
      var file = WireFiles.render(List.of(story)).getBytes(StandardCharsets.UTF_8);
      return WireParsers.parse(story.agency().format(), file).items().getFirst();
    } catch (Unreadable e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void the_labelled_set_is_grouped_with_a_b_cubed_f1_of_at_least_0_9() {
    var stories = WireStories.stories(7, 0, 140, Instant.parse("2026-12-01T05:00:00Z"));
    var score = score(stories, 140);
    var byLanguage = new HashMap<String, Long>();
    stories.stream()
        .map(s -> s.language() + " " + s.agency().name() + " " + s.guid())
        .distinct()
        .forEach(key -> byLanguage.merge(key.substring(0, 2), 1L, Long::sum));
    System.out.printf(
        "wire grouping: %d items (%s) of %d events in %d clusters: B-cubed precision %.3f, recall %.3f, F1 %.3f%n",
        score.items(),
        byLanguage,
        score.events(),
        score.clusters(),
        score.precision(),
        score.recall(),
        score.f1());
    assertThat(score.items()).isGreaterThanOrEqualTo(300);
    assertThat(byLanguage).containsKeys("en", "ar");
    assertThat(score.f1()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void every_generated_file_reads_back_as_it_was_written() {
    for (var story : WireStories.stories(3, 0, 30, Instant.parse("2026-12-01T05:00:00Z"))) {
      var in = parse(story);
      assertThat(in.guid()).isEqualTo(story.guid());
      assertThat(in.headline()).isEqualTo(story.headline());
      assertThat(in.language()).isEqualTo(story.language());
      assertThat(in.signal()).isEqualTo(story.signal());
      assertThat(WireText.paragraphs(in.bodyHtml())).isEqualTo(story.paragraphs());
    }
  }
}
