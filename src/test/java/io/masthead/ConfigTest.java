package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir
  Path data;

  @Test
  void defaults_then_file_then_environment_then_command_line() throws Exception {
    var defaults = Config.load(data, Map.of(), Map.of());
    assertThat(defaults.server().port()).isEqualTo(8080);
    assertThat(defaults.storage().databaseUrl()).startsWith("jdbc:sqlite:").endsWith("masthead.db");
    assertThat(defaults.site().baseUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(defaults.server().pageCacheDiskMegabytes()).isEqualTo(1024);
    assertThat(Config.load(data, Map.of("MASTHEAD_SERVER_PAGE_CACHE_DISK", "0"), Map.of())
            .server()
            .pageCacheDiskMegabytes())
        .isZero();

    Files.writeString(
        data.resolve("masthead.properties"), "server.port=9000\nsite.name=Daily Test\n");
    assertThat(Config.load(data, Map.of(), Map.of()).server().port()).isEqualTo(9000);
    var secret = data.resolve("password");
    Files.writeString(secret, "s3cret\n");
    var fromEnvironment = Config.load(
        data,
        Map.of(
            "MASTHEAD_SERVER_PORT",
            "9100",
            "MASTHEAD_DATABASE_URL",
            "jdbc:postgresql://db/news",
            "MASTHEAD_DATABASE_PASSWORD_FILE",
            secret.toString()),
        Map.of());
    assertThat(fromEnvironment.server().port()).isEqualTo(9100);
    assertThat(fromEnvironment.site().name()).isEqualTo("Daily Test");
    assertThat(fromEnvironment.storage().databasePassword()).isEqualTo("s3cret");
    assertThat(
            Config.load(data, Map.of("MASTHEAD_SERVER_PORT", "9100"), Map.of("server.port", "9200"))
                .server()
                .port())
        .isEqualTo(9200);
  }

  @Test
  void every_problem_is_reported_at_once() {
    assertThatThrownBy(() -> Config.load(
            data,
            Map.of(
                "MASTHEAD_SERVER_PORT",
                "eighty",
                "MASTHEAD_DATABASE_URL",
                "mysql://x",
                "MASTHEAD_SITE_BASE_URL",
                "ftp://x",
                "MASTHEAD_SERVER_PAGE_CACHE_DISK",
                "a lot"),
            Map.of()))
        .isInstanceOf(Config.Invalid.class)
        .hasMessageContaining("server.port")
        .hasMessageContaining("database.url")
        .hasMessageContaining("site.base-url")
        .hasMessageContaining("server.page-cache-disk must be a number of megabytes");
  }
}
