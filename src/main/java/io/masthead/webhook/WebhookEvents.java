package io.masthead.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns changes into the webhook events owed to each endpoint: a durable follower of the change
 * log (its cursor in {@code change_cursor}, so a change made while the node was down is still
 * sent). It only writes deliveries, which {@link WebhookSender} sends; every node may follow it,
 * since a delivery is keyed by (endpoint, change, article) and written once. The payload is the
 * Standard Webhooks shape: {@code {"type", "timestamp", "data"}}: {@code type} and {@code
 * timestamp} are the event's, {@code data} the Content API's JSON of the article as it is when the
 * change is handled (within a second of it, unless the node was down), so a receiver always gets
 * the article's latest state. Thread-safe (the change log calls it from one
 * thread).
 */
public final class WebhookEvents implements Consumer<ChangeLog.Entry> {
  /** The follower's name in the change log's cursors, shared by every node. */
  public static final String FOLLOWER = "webhooks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookRepository webhooks;
  private final ArticleRepository articles;
  private final Function<Article, Map<String, Object>> articleJson;
  private final WebhookSender sender;
  private final Clock clock;

  public WebhookEvents(
      WebhookRepository webhooks,
      ArticleRepository articles,
      Function<Article, Map<String, Object>> articleJson,
      WebhookSender sender,
      Clock clock) {
    this.webhooks = webhooks;
    this.articles = articles;
    this.articleJson = articleJson;
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  public void accept(ChangeLog.Entry change) {
    var imported = change.kind().equals("articles.imported");
    var event = imported
        ? java.util.Optional.of(WebhookEvent.ARTICLE_PUBLISHED)
        : WebhookEvent.ofChange(change.kind());
    if (event.isEmpty()) return;
    var endpoints = webhooks.active().stream().filter(e -> e.wants(event.get())).toList();
    if (endpoints.isEmpty()) return;
    boolean owed = false;
    for (long id : imported ? importedIds(change) : change.articleIds()) {
      var article = articles.find(id);
      if (article.isEmpty()) continue;
      var payload = payload(event.get(), change.at(), articleJson.apply(article.get()));
      for (var endpoint : endpoints) {
        owed |= webhooks.enqueue(
            endpoint.id(),
            "change:" + change.id() + ":article:" + id,
            messageId(),
            event.get(),
            payload,
            clock.instant());
      }
    }
    if (owed) sender.wake();
  }

  private List<Long> importedIds(ChangeLog.Entry change) {
    var ids = new ArrayList<Long>();
    for (var tag : change.tags())
      Tags.rangeOf(tag).ifPresent(r -> ids.addAll(articles.publishedIdsBetween(r[0], r[1])));
    return ids;
  }

  /** A new message id: the same for every attempt of one delivery, as receivers deduplicate by it. */
  static String messageId() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }

  static String payload(WebhookEvent event, Instant at, Object data) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", event.type());
    body.put("timestamp", at.toString());
    body.put("data", data);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
