package io.masthead.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium driven by Playwright, with no browser download. Without a chromium the
 * browser tests are skipped with a notice, except when CI=true, where they are required.
 */
public final class Chromium implements AutoCloseable {
  public static final Path EXECUTABLE =
      Path.of(System.getenv().getOrDefault("MASTHEAD_CHROMIUM", "/usr/bin/chromium"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final Playwright playwright;
  public final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Skips the calling test class (or fails it under CI=true) when there is no chromium. */
  public static void requireInstalled() {
    if (Files.isExecutable(EXECUTABLE)) return;
    if ("true".equals(System.getenv("CI")))
      throw new AssertionError("CI=true needs a chromium at " + EXECUTABLE);
    Assumptions.abort(
        "no chromium at " + EXECUTABLE + ": browser tests skipped (apt-get install chromium)");
  }

  public static Chromium launch() throws Exception {
    requireInstalled();
    Files.createDirectories(SCREENSHOTS);
    var playwright = Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    var browser = playwright
        .chromium()
        .launch(new BrowserType.LaunchOptions()
            .setExecutablePath(EXECUTABLE)
            .setHeadless(true)
            .setArgs(List.of(
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync")));
    return new Chromium(playwright, browser);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
