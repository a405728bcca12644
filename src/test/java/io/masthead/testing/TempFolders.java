package io.masthead.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A benchmark's own temporary folder, made in its set-up and removed in its tear-down. */
public final class TempFolders {
  private TempFolders() {}

  /** Removes the folder and everything in it, deepest first. */
  public static void delete(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
