package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpillIndexTest {

  static SpillIndex.Slot slot(int segment, int offset) {
    return new SpillIndex.Slot(segment, offset, offset + 7, 1_000L * offset, segment * 3L);
  }

  @Test
  void it_answers_as_a_map_would_through_puts_removals_and_dropped_segments() {
    var random = new Random(7);
    // Few distinct keys in a small table: long probe chains, wrap-around and many removals.
    var keys = new long[600];
    for (int i = 0; i < keys.length; i++) keys[i] = i % 3 == 0 ? i : random.nextLong();
    var index = new SpillIndex(500);
    var model = new HashMap<Long, SpillIndex.Slot>();
    for (int step = 0; step < 200_000; step++) {
      long key = keys[random.nextInt(keys.length)];
      if (key == 0) continue; // shares slot 1's hash by design
      int op = random.nextInt(100);
      if (op < 50 && (model.containsKey(key) || model.size() < 500)) {
        var value = slot(random.nextInt(8), random.nextInt(1 << 30));
        index.put(key, value);
        model.put(key, value);
      } else if (op < 80) {
        index.remove(key);
        model.remove(key);
      } else if (op < 95) {
        var current = model.get(key);
        var expected = current != null && random.nextBoolean() ? current : slot(9, 1);
        index.remove(key, expected);
        model.remove(key, expected);
      } else if (op < 96) {
        int segment = random.nextInt(8);
        index.removeSegment(segment);
        model.values().removeIf(s -> s.segment() == segment);
      }
      assertThat(index.get(key)).isEqualTo(model.get(key));
      if (step % 1_000 == 0) {
        for (var k : keys) if (k != 0) assertThat(index.get(k)).isEqualTo(model.get(k));
        assertThat(index.size()).isEqualTo(model.size());
      }
    }
    assertThat(index.capacity()).isLessThanOrEqualTo(500 * 4 / 3 + 1);
  }

  @Test
  void it_grows_as_pages_come_and_holds_its_count_in_fifty_bytes_a_page() {
    var index = new SpillIndex(150_000);
    assertThat(index.capacity()).isEqualTo(1024);
    var random = new Random(3);
    for (int i = 0; i < 150_000; i++) index.put(random.nextLong() | 1, slot(i % 8, i));
    assertThat(index.size()).isEqualTo(150_000);
    assertThat((long) index.capacity() * SpillIndex.SLOT_BYTES / 150_000).isLessThanOrEqualTo(50);
    assertThat(SpillIndex.pagesIn(128L << 20 >> 4)).isGreaterThan(150_000);
  }

  @Test
  void a_slot_keeps_every_field_whole() {
    var index = new SpillIndex(10);
    var value =
        new SpillIndex.Slot(Integer.MAX_VALUE, Integer.MAX_VALUE, 12_345, Long.MAX_VALUE, 9);
    index.put(-1L, value);
    assertThat(index.get(-1L)).isEqualTo(value);
    assertThat(index.contains(-1L)).isTrue();
    index.clear();
    assertThat(index.get(-1L)).isNull();
    assertThat(index.size()).isZero();
  }
}
