package io.masthead.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an endpoint can subscribe to; {@link #TEST} is only ever sent by "send test event". */
public enum WebhookEvent {
  ARTICLE_PUBLISHED("article.published", "An article is published"),
  ARTICLE_UPDATED("article.updated", "A published article is edited"),
  ARTICLE_CORRECTED("article.corrected", "A correction is added to an article"),
  ARTICLE_UNPUBLISHED("article.unpublished", "An article is unpublished"),
  TEST("webhook.test", "A test event, sent from the newsroom");

  private final String type;
  private final String description;

  WebhookEvent(String type, String description) {
    this.type = type;
    this.description = description;
  }

  /** The name in the payload's {@code type} and in the newsroom, such as {@code article.published}. */
  public String type() {
    return type;
  }

  public String description() {
    return description;
  }

  /** The events an endpoint can choose (all but the test event). */
  public static java.util.List<WebhookEvent> subscribable() {
    return Arrays.stream(values()).filter(e -> e != TEST).toList();
  }

  public static Optional<WebhookEvent> ofType(String type) {
    var wanted = type.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(e -> e.type.equals(wanted)).findFirst();
  }

  /** The event a change-log kind becomes, if any ({@code article.published} → ARTICLE_PUBLISHED). */
  static Optional<WebhookEvent> ofChange(String kind) {
    return switch (kind) {
      case "article.published" -> Optional.of(ARTICLE_PUBLISHED);
      case "article.updated" -> Optional.of(ARTICLE_UPDATED);
      case "article.corrected" -> Optional.of(ARTICLE_CORRECTED);
      case "article.unpublished" -> Optional.of(ARTICLE_UNPUBLISHED);
      default -> Optional.empty();
    };
  }
}
