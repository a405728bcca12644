package io.masthead.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Varnish (Debian's varnish and varnish-modules) started with the repository's own VCL,
 * {@code ops/varnish/masthead.vcl}, in front of a test outlet on loopback. Skipped with a notice
 * when varnishd is missing, except when CI=true, where it is required.
 */
public final class Varnish implements AutoCloseable {
  static final Path VARNISHD = Path.of("/usr/sbin/varnishd");

  public final int port;
  private final Process process;
  private final Path log;

  private Varnish(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Skips the calling test (or fails it under CI=true) when there is no varnishd. */
  public static void require() {
    if (Files.isExecutable(VARNISHD)) return;
    if ("true".equals(System.getenv("CI")))
      throw new AssertionError(
          "CI=true needs varnishd at " + VARNISHD + " (apt-get install varnish varnish-modules)");
    Assumptions.abort("no varnishd at " + VARNISHD + ": apt-get install varnish varnish-modules");
  }

  /** A free loopback port, for the Varnish that {@link #start} will listen on. */
  public static int freePort() {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Varnish on {@code port}, caching the outlet on {@code backendPort}; waits until it answers. */
  public static Varnish start(Path folder, int port, int backendPort) {
    require();
    try {
      var vcl = Files.readString(Path.of("ops/varnish/masthead.vcl"))
          .replace(".port = \"8080\";", ".port = \"" + backendPort + "\";");
      var file = folder.resolve("masthead.vcl");
      Files.writeString(file, vcl);
      var log = folder.resolve("varnishd.log");
      var process = new ProcessBuilder(
              VARNISHD.toString(),
              "-F", // in the foreground: it ends with the test
              "-j",
              "none",
              "-n",
              folder.resolve("varnish").toString(),
              "-a",
              "127.0.0.1:" + port,
              "-T",
              "none",
              "-f",
              file.toString(),
              "-s",
              "malloc,32m")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      var varnish = new Varnish(port, process, log);
      varnish.awaitListening();
      return varnish;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening() throws IOException {
    var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive())
        throw new IllegalStateException("varnishd ended: " + Files.readString(log));
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
    }
    throw new IllegalStateException(
        "varnishd did not listen within 30 s: " + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
