import io.masthead.Config;
import io.masthead.Outlet;
import io.masthead.demo.DemoWire;
import io.masthead.wire.WirePoller;
import io.masthead.wire.WireRepository;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The wire desk's figures, on a new outlet in a folder: the demo's three agencies (RSS, ninjs,
 * NewsML-G2; English and Arabic) drop their files in drop folders, and the outlet's own poller
 * reads, parses, stores and groups them.
 *
 *   java -cp 'target/masthead.jar:target/lib/*' bench/tools/WireBench.java DIR ITEMS LATENCY_EVENTS
 *
 * 1. throughput: ITEMS items (one file each) waiting in the folders when the poller starts; the
 *    time until the last is on the desk, and the heap (peak, and after a collection at the start
 *    and the end: flat means no growth with the items held);
 * 2. latency: LATENCY_EVENTS events dropped one by one, a quarter of a second apart, with the
 *    poller running; for each file, the time from landing in the folder to being on the desk
 *    (a committed row, which the desk's next page shows): p50, p95, max.
 */
public class WireBench {
  public static void main(String[] args) throws Exception {
    var dir = Path.of(args[0]);
    int items = Integer.parseInt(args[1]);
    int latencyEvents = Integer.parseInt(args[2]);
    Files.createDirectories(dir);
    var config = Config.load(dir, Map.of(), Map.of());
    var memory = ManagementFactory.getMemoryMXBean();
    try (var outlet = new Outlet(config, Clock.systemUTC())) {
      DemoWire.sources(outlet.wireDesk, outlet.wire, dir);
      // Throughput: every file is there before the poller starts.
      int files = 0, event = 0;
      var unique = new java.util.HashSet<String>();
      // A busy news day and a half: about 10,000 items (4,300 events) in 36 hours, all in the
      // past and inside the grouping's 48-hour window (a kill comes an hour after its story).
      var start = Instant.now().minus(Duration.ofHours(38));
      while (unique.size() < items) {
        var at = start.plus(Duration.ofSeconds(30L * event));
        for (var story : DemoWire.stories(event, 20, at))
          unique.add(story.agency().name() + " " + story.guid());
        files += DemoWire.drop(dir, event, 20, at);
        event += 20;
      }
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      var peak = new long[1];
      var sampler = Thread.ofPlatform().daemon().start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      System.out.printf("wire bench: %,d files (%,d items, with their updates and kills) of %,d events in 3 drop folders%n", files, unique.size(), event);
      long began = System.nanoTime();
      var poller = new WirePoller(outlet.wire, outlet.wireDesk, outlet.clock, "bench").start(100);
      long stored = 0;
      long lastPrint = began;
      while ((stored = count(outlet.wire)) < unique.size()) {
        Thread.sleep(100);
        if (System.nanoTime() - lastPrint > 5e9) {
          lastPrint = System.nanoTime();
          System.out.printf("wire bench: %,d of %,d on the desk after %.0f s%n", stored, unique.size(), (lastPrint - began) / 1e9);
        }
        if (System.nanoTime() - began > 900e9) throw new IllegalStateException("not done in 15 minutes");
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      sampler.interrupt();
      System.gc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      var clusters = outlet.wire.clusters(null, 100_000);
      long multi = clusters.stream().filter(c -> c.agencies().size() > 1).count();
      System.out.printf(
          "throughput: %,d items in %.1f s (%,.0f items/s), grouped into %,d clusters (%,d with two or more agencies); heap after GC %d MB before, %d MB after; peak %d MB%n",
          stored, seconds, stored / seconds, clusters.size(), multi,
          heapBefore >> 20, heapAfter >> 20, peak[0] >> 20);

      // Latency: one event at a time, with the poller running.
      lastId = outlet.wire.newestItemId();
      var landed = new HashMap<String, Long>();
      var latencies = new ArrayList<Double>();
      for (int e = 0; e < latencyEvents; e++) {
        var stories = io.masthead.demo.WireStories.stories(2026, 100_000 + e, 1, Instant.now());
        long now = System.nanoTime();
        DemoWire.drop(dir, 100_000 + e, 1, Instant.now().minusSeconds(1));
        for (var s : stories) if (s.version() == 1) landed.putIfAbsent(s.agency().name() + " " + s.guid(), now);
        long until = System.nanoTime() + 250_000_000L;
        while (System.nanoTime() < until) {
          seen(outlet.wire, landed, latencies);
          Thread.sleep(10);
        }
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!landed.isEmpty() && System.nanoTime() < deadline) {
        seen(outlet.wire, landed, latencies);
        Thread.sleep(10);
      }
      poller.close();
      Collections.sort(latencies);
      if (latencies.isEmpty()) throw new IllegalStateException("no item seen");
      System.out.printf(
          "latency: %d items, drop folder to desk p50 %.0f ms, p95 %.0f ms, max %.0f ms; %d not seen within 30 s%n",
          latencies.size(), pct(latencies, 0.5), pct(latencies, 0.95), latencies.getLast(), landed.size());
    }
  }

  static long count(WireRepository wire) {
    return wire.sources().stream().mapToLong(s -> s.items()).sum();
  }

  /** The newest item already looked at: new items are those after it, in the order stored. */
  static long lastId = -1;

  static void seen(WireRepository wire, Map<String, Long> landed, ArrayList<Double> latencies) {
    long now = System.nanoTime();
    long newest = wire.newestItemId();
    if (lastId < 0) lastId = newest;
    for (long id = lastId + 1; id <= newest; id++) {
      var item = wire.item(id);
      if (item.isEmpty()) continue;
      var since = landed.remove(item.get().agency() + " " + item.get().guid());
      if (since != null) latencies.add((now - since) / 1e6);
    }
    lastId = newest;
  }


  static double pct(ArrayList<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
