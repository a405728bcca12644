package io.masthead.testing;

import io.masthead.Masthead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line to run {@code masthead ARGS} in a JVM of its own, as an operator would. */
public final class MastheadProcess {
  private MastheadProcess() {}

  public static List<String> command(String... args) {
    var command = new ArrayList<String>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-Xmx256m",
        "-cp",
        System.getProperty("java.class.path"),
        Masthead.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
