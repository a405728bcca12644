package io.masthead.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: a line per request ({@code 2026-12-03T01:02:03.456Z 127.0.0.1 GET /world/ 200
 * 1ms}), written by a thread of its own. A request only hands its fields over; the writer formats
 * every line that is waiting and passes them on as one message, so one write to the file carries
 * as many lines as came in since the last, at most one write every {@value #GATHER_MILLIS} ms.
 * A line that comes after a quiet moment goes out at once; under load hundreds share a write. A
 * write per line (logback's asynchronous appender over a console appender) took a quarter of a
 * cached page's throughput: 31k against 40.5k req/s, nearly all of it system time. No line is
 * dropped: a full queue makes requests wait. Thread-safe.
 */
public final class AccessLog implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger("access");
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  /** Lines formatted into one message at most: bounds the writer's buffer under a flood. */
  private static final int MOST_PER_WRITE = 2_048;
  /** How long lines are gathered after a write: the most a line waits to be written. */
  private static final long GATHER_MILLIS = 20;

  private record Line(
      long at,
      java.net.SocketAddress client,
      String method,
      String path,
      int status,
      float millis) {}

  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(16_384);
  private final Consumer<String> sink;
  private final Thread writer;

  /** To the {@code access} logger ({@code io.masthead.Logging}; MASTHEAD_ACCESS_LOG=OFF turns it off). */
  public static AccessLog toLogger() {
    return new AccessLog(logger.isInfoEnabled() ? logger::info : null);
  }

  /** To {@code sink}, lines separated by newlines; null for no access log at all. */
  AccessLog(Consumer<String> sink) {
    this.sink = sink;
    this.writer = sink == null
        ? null
        : Thread.ofPlatform().daemon().name("access-log").start(this::writeUntilClosed);
  }

  /** {@code client}: its address is written as text, by the writer (an unresolved one as given). */
  public void record(
      java.net.SocketAddress client, String method, String path, int status, float millis) {
    if (writer == null) return;
    try {
      queue.put(new Line(System.currentTimeMillis(), client, method, path, status, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilClosed() {
    var batch = new ArrayList<Line>(MOST_PER_WRITE);
    var text = new StringBuilder(64 * 1024);
    var clock = new SecondText();
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MOST_PER_WRITE - 1);
        write(batch, text, clock);
        // Lines that come in now wait for the next round: a request hands its line over
        // without waking this thread (a futex call each), and one write takes them all.
        Thread.sleep(GATHER_MILLIS);
      } catch (InterruptedException closed) {
        break;
      }
    }
    while (queue.drainTo(batch, MOST_PER_WRITE) > 0) write(batch, text, clock);
  }

  private void write(List<Line> batch, StringBuilder text, SecondText clock) {
    text.setLength(0);
    for (var line : batch) {
      if (!text.isEmpty()) text.append('\n');
      clock.append(text, line.at());
      text.append(' ')
          .append(text(line.client()))
          .append(' ')
          .append(line.method())
          .append(' ');
      text.append(line.path()).append(' ').append(line.status()).append(' ');
      text.append(Math.round(line.millis())).append("ms");
    }
    batch.clear();
    try {
      sink.accept(text.toString());
    } catch (RuntimeException e) {
      // A log that cannot be written must not stop the writer: the next lines may go through.
      LoggerFactory.getLogger(AccessLog.class).warn("access log lines lost", e);
    }
  }

  private static String text(java.net.SocketAddress client) {
    if (client instanceof java.net.InetSocketAddress inet)
      return inet.isUnresolved() ? inet.getHostString() : inet.getAddress().getHostAddress();
    return String.valueOf(client);
  }

  /** Writes what is waiting and stops the writer. */
  @Override
  public void close() {
    if (writer == null) return;
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The time to the millisecond, UTC; the date and second formatted once per second. */
  private static final class SecondText {
    private long second = Long.MIN_VALUE;
    private String text;

    void append(StringBuilder to, long epochMillis) {
      long s = Math.floorDiv(epochMillis, 1000);
      if (s != second) {
        second = s;
        text = SECOND.format(java.time.Instant.ofEpochSecond(s));
      }
      int millis = Math.floorMod(epochMillis, 1000);
      to.append(text).append('.');
      if (millis < 100) to.append('0');
      if (millis < 10) to.append('0');
      to.append(millis).append('Z');
    }
  }
}
