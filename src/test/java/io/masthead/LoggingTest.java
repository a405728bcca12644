package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {

  @AfterEach
  void clear() {
    System.clearProperty("MASTHEAD_ACCESS_LOG");
    System.clearProperty("logback.configurationFile");
  }

  @Test
  void messages_and_the_access_log_go_to_standard_error_at_their_levels() {
    var context = configured();
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("console")).isNotNull();
    assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    var access = context.getLogger("access");
    assertThat(access.getLevel()).isEqualTo(Level.INFO);
    assertThat(access.isAdditive()).isFalse();
    assertThat(access.getAppender("access")).isNotNull();
  }

  @Test
  void masthead_access_log_sets_the_access_log_level() {
    System.setProperty("MASTHEAD_ACCESS_LOG", "OFF");
    assertThat(configured().getLogger("access").isInfoEnabled()).isFalse();
  }

  @Test
  void a_configuration_file_given_on_the_command_line_replaces_it() {
    System.setProperty("logback.configurationFile", "/tmp/elsewhere.xml");
    var context = new LoggerContext();
    var logging = new Logging();
    logging.setContext(context);
    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger("access").getAppender("access")).isNull();
  }

  private static LoggerContext configured() {
    var context = new LoggerContext();
    var logging = new Logging();
    logging.setContext(context);
    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    return context;
  }
}
