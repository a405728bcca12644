package io.masthead.article;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes scheduled articles when their time comes, checking every few seconds. Every node
 * runs one; {@link ArticleDesk#publishDue} makes sure each article is published once.
 */
public final class ScheduledPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScheduledPublisher.class);
  private final ArticleDesk desk;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  public ScheduledPublisher(ArticleDesk desk) {
    this.desk = desk;
  }

  public ScheduledPublisher start(long everyMillis) {
    thread = Thread.ofVirtual().name("scheduled-publisher").start(() -> {
      try {
        while (!stopped.await(everyMillis, TimeUnit.MILLISECONDS)) {
          try {
            var published = desk.publishDue();
            if (!published.isEmpty()) log.info("published on schedule: articles {}", published);
          } catch (RuntimeException e) {
            log.warn("scheduled publishing failed, trying again shortly: {}", e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  @Override
  public void close() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
