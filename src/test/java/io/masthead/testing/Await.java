package io.masthead.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition, not for a time: what follows the change log lands a moment later. */
public final class Await {
  private Await() {}

  /** Returns as soon as {@code condition} holds; fails once {@code limit} has passed without. */
  public static void within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("not true within " + limit.toMillis() + " ms");
      Thread.onSpinWait();
    }
  }
}
