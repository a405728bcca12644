package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.NewsroomText.shown;

import io.javalin.http.Context;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.webhook.Endpoint;
import io.masthead.webhook.WebhookDesk;
import io.masthead.webhook.WebhookEvent;
import io.masthead.webhook.WebhookRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admins register webhook endpoints here, see each one's delivery log (every attempt with its
 * answer and time) and send it a test event. Thread-safe.
 */
public final class WebhookPages {
  /** An event as a checkbox. */
  public record EventChoice(String type, String description, boolean checked) {}

  public record EndpointLine(
      long id, String url, String description, String events, boolean active) {}

  public record AttemptLine(String at, String result, int millis, boolean ok) {}

  public record DeliveryLine(
      String event,
      String messageId,
      String created,
      String state,
      int attempts,
      String next,
      List<AttemptLine> tries) {}

  /** The list and the form to add one; {@code url} and {@code description} as typed. */
  public record ListView(
      NewsroomViews.Frame frame,
      List<EndpointLine> endpoints,
      List<EventChoice> events,
      String url,
      String description,
      Map<String, String> errors) {}

  public record DetailView(
      NewsroomViews.Frame frame,
      long id,
      String url,
      String description,
      boolean active,
      String secret,
      List<EventChoice> events,
      List<DeliveryLine> deliveries,
      Map<String, String> errors) {}

  private final NewsroomAuth auth;
  private final WebhookDesk desk;
  private final WebhookRepository webhooks;
  private final Editions editions;
  private final Templates templates;

  public WebhookPages(
      NewsroomAuth auth,
      WebhookDesk desk,
      WebhookRepository webhooks,
      Editions editions,
      Templates templates) {
    this.auth = auth;
    this.desk = desk;
    this.webhooks = webhooks;
    this.editions = editions;
    this.templates = templates;
  }

  public void list(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    renderList(ctx, 200, session, "", "", null, Map.of());
  }

  public void register(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    var chosen = chosenEvents(ctx);
    try {
      long id = desk.register(
          session.staff().actor(),
          ctx.formParam("url"),
          ctx.formParam("secret"),
          chosen,
          ctx.formParam("description"));
      ctx.status(303).header("Location", "/newsroom/webhooks/" + id + "?notice=added");
    } catch (Refusal.Invalid e) {
      renderList(
          ctx,
          422,
          session,
          Optional.ofNullable(ctx.formParam("url")).orElse(""),
          Optional.ofNullable(ctx.formParam("description")).orElse(""),
          chosen,
          e.byField());
    }
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    var endpoint = endpoint(ctx);
    var notice = switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
      case "added" ->
        "Endpoint added. Give its secret to the receiver, so that it can check the signatures.";
      case "saved" -> "Saved.";
      case "rotated" -> "A new secret: the receiver needs it from now on.";
      case "test" -> "A test event is on its way; its delivery shows below.";
      default -> null;
    };
    renderDetail(ctx, 200, session, endpoint, notice, Map.of());
  }

  /** {@code action}: save, rotate (a new secret), test (send a test event) or delete. */
  public void change(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    var endpoint = endpoint(ctx);
    var actor = session.staff().actor();
    var action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    var here = "/newsroom/webhooks/" + endpoint.id();
    try {
      switch (action) {
        case "save" -> {
          desk.update(
              actor,
              endpoint.id(),
              ctx.formParam("url"),
              chosenEvents(ctx),
              ctx.formParam("description"),
              ctx.formParam("active") != null);
          ctx.status(303).header("Location", here + "?notice=saved");
        }
        case "rotate" -> {
          desk.rotateSecret(actor, endpoint.id());
          ctx.status(303).header("Location", here + "?notice=rotated");
        }
        case "test" -> {
          desk.sendTest(actor, endpoint.id());
          ctx.status(303).header("Location", here + "?notice=test");
        }
        case "delete" -> {
          desk.remove(actor, endpoint.id());
          ctx.status(303).header("Location", "/newsroom/webhooks");
        }
        default -> throw new HttpProblem.BadRequest("no action " + action);
      }
    } catch (Refusal.Invalid e) {
      renderDetail(ctx, 422, session, endpoint, null, e.byField());
    }
  }

  private Endpoint endpoint(Context ctx) {
    return webhooks
        .endpoint(parseId(ctx.pathParam("id")))
        .orElseThrow(() -> new HttpProblem.NotFound("no such webhook endpoint"));
  }

  private static List<WebhookEvent> chosenEvents(Context ctx) {
    var chosen = new ArrayList<WebhookEvent>();
    for (var type : ctx.formParams("events")) WebhookEvent.ofType(type).ifPresent(chosen::add);
    return chosen;
  }

  private static List<EventChoice> choices(java.util.Collection<WebhookEvent> checked) {
    return WebhookEvent.subscribable().stream()
        .map(
            e -> new EventChoice(e.type(), e.description(), checked == null || checked.contains(e)))
        .toList();
  }

  private void renderList(
      Context ctx,
      int status,
      Session session,
      String url,
      String description,
      List<WebhookEvent> checked,
      Map<String, String> errors) {
    var lines = webhooks.endpoints().stream()
        .map(e -> new EndpointLine(
            e.id(),
            e.url(),
            e.description(),
            String.join(
                ", ", e.events().stream().map(WebhookEvent::type).sorted().toList()),
            e.active()))
        .toList();
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/webhooks.jte",
        new ListView(
            NewsroomText.frame(session, "Webhooks", "webhooks", null),
            lines,
            choices(checked),
            url,
            description,
            errors));
  }

  private void renderDetail(
      Context ctx,
      int status,
      Session session,
      Endpoint endpoint,
      String notice,
      Map<String, String> errors) {
    var zone = editions.defaultEdition().timeZone();
    var deliveries = webhooks.deliveries(endpoint.id(), 50).stream()
        .map(d -> new DeliveryLine(
            d.event().type(),
            d.messageId(),
            shown(d.createdAt(), zone),
            d.state(),
            d.attempts(),
            d.state().equals("pending") ? shown(d.nextAttemptAt(), zone) : "",
            d.tries().stream()
                .map(a -> new AttemptLine(
                    shown(a.at(), zone),
                    a.status() == null
                        ? a.error()
                        : a.error().isEmpty() ? "HTTP " + a.status() : a.error(),
                    a.millis(),
                    a.status() != null && a.status() / 100 == 2))
                .toList()))
        .toList();
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/webhook.jte",
        new DetailView(
            NewsroomText.frame(session, "Webhook " + endpoint.url(), "webhooks", notice),
            endpoint.id(),
            endpoint.url(),
            endpoint.description(),
            endpoint.active(),
            endpoint.secret(),
            choices(endpoint.events()),
            deliveries,
            errors));
  }
}
