package io.masthead.web;

import java.util.Arrays;

/**
 * {@link PageSpill}'s index: the hash of each page's key mapped to where its record is on disk,
 * when it expires and the invalidation count it was written under. Open addressing with linear
 * probing over parallel arrays of primitives, 36 bytes a slot and at most three quarters of the
 * slots used: ~50 bytes of heap a page, where a {@code ConcurrentHashMap} of boxed keys and
 * entry objects took ~170 (nginx's {@code keys_zone} takes ~128), so a sixteenth of a 128 MB heap
 * indexes 150,000 pages instead of 49,000. It grows by half until it holds {@code maxPages}.
 *
 * <p>Thread-safe: one lock, held for a few array reads or writes (a segment's drop, rare, for a
 * pass over the slots).
 */
final class SpillIndex {
  /** Bytes of heap a slot takes: key, place, length, expiry, invalidation count. */
  static final int SLOT_BYTES = 8 + 8 + 4 + 8 + 8;

  /** Where one page's record is, and what decides whether it is still good. */
  record Slot(int segment, int offset, int length, long expiresAtMillis, long since) {}

  private static final long EMPTY = 0;
  private static final int FIRST_CAPACITY = 1024;

  private final int maxPages;
  private long[] keys;
  private long[] places; // segment << 32 | offset
  private int[] lengths;
  private long[] expires;
  private long[] sinces;
  private int size;

  /** An index of at most {@code maxPages} pages (the caller drops segments to stay under it). */
  SpillIndex(int maxPages) {
    if (maxPages < 1) throw new IllegalArgumentException("maxPages < 1");
    this.maxPages = maxPages;
    allocate(Math.min(FIRST_CAPACITY, slotsFor(maxPages)));
  }

  /** The most pages an index fits in {@code heapBytes} of heap. */
  static int pagesIn(long heapBytes) {
    return (int) Math.min(Integer.MAX_VALUE / 2, heapBytes / SLOT_BYTES * 3 / 4);
  }

  private static int slotsFor(int pages) {
    return (int) Math.min(Integer.MAX_VALUE - 8, (long) pages * 4 / 3 + 1);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    places = new long[capacity];
    lengths = new int[capacity];
    expires = new long[capacity];
    sinces = new long[capacity];
    size = 0;
  }

  /** 0 marks an empty slot: a key hashing to it shares slot 1's hash (told apart by the record). */
  private static long stored(long hash) {
    return hash == EMPTY ? 1 : hash;
  }

  private int home(long key) {
    // The hash's high bits (FNV-1a mixes them best) times the capacity: any capacity will do.
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) Math.multiplyHigh(mixed >>> 1, (long) keys.length << 1);
  }

  private int next(int slot) {
    return slot + 1 == keys.length ? 0 : slot + 1;
  }

  private int slotOf(long key) {
    for (int slot = home(key); ; slot = next(slot)) {
      if (keys[slot] == key) return slot;
      if (keys[slot] == EMPTY) return -1;
    }
  }

  /** The slot under this key's hash, or null. */
  synchronized Slot get(long hash) {
    int slot = slotOf(stored(hash));
    if (slot < 0) return null;
    long place = places[slot];
    return new Slot((int) (place >>> 32), (int) place, lengths[slot], expires[slot], sinces[slot]);
  }

  synchronized boolean contains(long hash) {
    return slotOf(stored(hash)) >= 0;
  }

  /** Puts (or replaces) the slot under this key's hash. */
  synchronized void put(long hash, Slot value) {
    long key = stored(hash);
    int slot = slotOf(key);
    if (slot < 0) {
      if (size + 1 > keys.length * 3L / 4) grow();
      slot = home(key);
      while (keys[slot] != EMPTY) slot = next(slot);
      keys[slot] = key;
      size++;
    }
    write(slot, value);
  }

  private void write(int slot, Slot value) {
    places[slot] = (long) value.segment() << 32 | (value.offset() & 0xffffffffL);
    lengths[slot] = value.length();
    expires[slot] = value.expiresAtMillis();
    sinces[slot] = value.since();
  }

  private void grow() {
    int capacity = (int) Math.min(
        Math.max(keys.length + keys.length / 2L, keys.length + 1L),
        Math.max(slotsFor(maxPages), keys.length + 1L));
    rebuild(capacity, -1);
  }

  /** Copies every slot but those of {@code droppedSegment} into arrays of {@code capacity}. */
  private void rebuild(int capacity, int droppedSegment) {
    var oldKeys = keys;
    var oldPlaces = places;
    var oldLengths = lengths;
    var oldExpires = expires;
    var oldSinces = sinces;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY || (int) (oldPlaces[i] >>> 32) == droppedSegment) continue;
      int slot = home(oldKeys[i]);
      while (keys[slot] != EMPTY) slot = next(slot);
      keys[slot] = oldKeys[i];
      places[slot] = oldPlaces[i];
      lengths[slot] = oldLengths[i];
      expires[slot] = oldExpires[i];
      sinces[slot] = oldSinces[i];
      size++;
    }
  }

  /** Removes the slot under this key's hash. */
  synchronized void remove(long hash) {
    int slot = slotOf(stored(hash));
    if (slot >= 0) delete(slot);
  }

  /** Removes the slot under this key's hash if it still points where {@code expected} does. */
  synchronized void remove(long hash, Slot expected) {
    int slot = slotOf(stored(hash));
    long place = (long) expected.segment() << 32 | (expected.offset() & 0xffffffffL);
    if (slot >= 0 && places[slot] == place) delete(slot);
  }

  /** Empties a slot and moves up the ones after it that probed past it (no tombstones). */
  private void delete(int slot) {
    int hole = slot;
    for (int i = next(slot); keys[i] != EMPTY; i = next(i)) {
      int home = home(keys[i]);
      // Moved into the hole when its home is not between the hole and it (cyclically).
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        keys[hole] = keys[i];
        places[hole] = places[i];
        lengths[hole] = lengths[i];
        expires[hole] = expires[i];
        sinces[hole] = sinces[i];
        hole = i;
      }
    }
    keys[hole] = EMPTY;
    size--;
  }

  /** Removes every page of this segment. */
  synchronized void removeSegment(int segment) {
    rebuild(keys.length, segment);
  }

  synchronized int size() {
    return size;
  }

  synchronized void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  /** Slots allocated (tests: the index grows, within its bound). */
  synchronized int capacity() {
    return keys.length;
  }
}
