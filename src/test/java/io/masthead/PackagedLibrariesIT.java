package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The libraries the build copies into target/lib, where the launcher runs them from. */
class PackagedLibrariesIT {
  /** The oldest class file version (Java 6) JDK 25's start-up cache keeps. */
  private static final int JAVA_6 = 50;

  /**
   * picocli's Java 5 class files (loaded by every command) stayed out of the start-up cache and
   * were read from their jar and verified the old way at every start, ~0.1 s of a server's. The
   * build rewrites them (src/build/UpgradeOldClassFiles.java). Left as they were: JDOM's classes
   * for Jaxen, which this build does not include, so they neither verify nor ever load.
   */
  @Test
  void every_class_a_command_loads_can_be_kept_in_the_start_up_cache() throws IOException {
    assumeTrue(Runtime.version().feature() >= 25, "the build rewrites them on JDK 25 and later");
    var lib = Path.of("target", "lib");
    assertThat(lib)
        .as("the build's libraries, copied before the integration tests")
        .isDirectory();
    List<Path> jars;
    try (Stream<Path> files = Files.list(lib)) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
    }
    assertThat(jars).anyMatch(jar -> jar.getFileName().toString().startsWith("picocli-"));

    var tooOld = new ArrayList<String>();
    for (Path jar : jars) {
      try (var zip = new ZipFile(jar.toFile())) {
        for (var entry : zip.stream().toList()) {
          if (!entry.getName().endsWith(".class")
              || entry.getName().startsWith("org/jdom2/xpath/jaxen/")) continue;
          try (InputStream in = zip.getInputStream(entry)) {
            byte[] header = in.readNBytes(8); // magic (4 bytes), minor (2), major (2)
            int major = (header[6] & 0xff) << 8 | (header[7] & 0xff);
            if (major < JAVA_6) tooOld.add(jar.getFileName() + "!" + entry.getName());
          }
        }
      }
    }
    assertThat(tooOld).isEmpty();
  }
}
