package io.masthead;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging as Masthead sets it up, in code: logback reading an XML file (its own parser and the
 * JDK's XML reader) took a server's start about 0.1 s. Everything goes to standard error: the
 * program's messages with their time, level and logger, and the access log ({@code
 * web.AccessLog}, which writes whole lines of its own) bare. MASTHEAD_ACCESS_LOG sets the access
 * log's level (OFF turns it off). A logback configuration file given with {@code
 * -Dlogback.configurationFile=FILE} (in MASTHEAD_JAVA_OPTS) replaces all of this. Found by
 * logback through {@code META-INF/services}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class Logging extends ContextAwareBase implements Configurator {

  /**
   * Lucene's advice, through java.util.logging at every start, to add the JDK's incubating
   * vector module (faster vector and postings arithmetic). Not taken: with {@code --add-modules
   * jdk.incubator.vector} the JDK warns at every start instead, and quietly refuses the start-up
   * cache made without it (measured: the server then starts as without the cache). Held here:
   * java.util.logging keeps its loggers weakly, and a level set on one nobody holds is lost.
   */
  private static final java.util.logging.Logger LUCENE_VECTORIZATION =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
    if (System.getProperty("logback.configurationFile") != null)
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(
        toStandardError(context, "console", "%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n"));
    for (var quiet :
        new String[] {"com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty", "io.javalin"})
      context.getLogger(quiet).setLevel(Level.WARN);
    var access = context.getLogger("access");
    access.setLevel(Level.toLevel(setting("MASTHEAD_ACCESS_LOG"), Level.INFO));
    access.setAdditive(false);
    access.addAppender(toStandardError(context, "access", "%msg%n"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** A system property of that name, else the environment variable. */
  private static String setting(String name) {
    var property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }

  private static ConsoleAppender<ILoggingEvent> toStandardError(
      LoggerContext context, String name, String pattern) {
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName(name);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
