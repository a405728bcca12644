package io.masthead.web.newsroom;

import io.javalin.http.Context;
import io.masthead.article.ArticleStatus;
import io.masthead.command.Role;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.web.newsroom.NewsroomViews.Frame;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** What every newsroom page shares: its frame, its notices, labels, and times as staff read and type them. */
final class NewsroomText {
  static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
  /** In English, as the newsroom is: the machine's locale would name the months in its language. */
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm", java.util.Locale.ENGLISH);

  private NewsroomText() {}

  static Frame frame(Session session, String title, String active, String notice) {
    return new Frame(session.staff(), session.csrfToken(), title, active, notice);
  }

  static String notice(Context ctx) {
    var code = ctx.queryParam("notice");
    if (code == null) return null;
    return switch (code) {
      case "created" -> "Draft created.";
      case "save" -> "Saved.";
      case "submit" -> "Submitted for review.";
      case "publish" -> "Published. It is on the site now.";
      case "schedule" -> "Scheduled.";
      case "return" -> "Returned to draft.";
      case "unpublish" -> "Unpublished. Its address now answers 410 Gone.";
      case "corrected" -> "Correction published.";
      case "restored" -> "Revision restored as a new save.";
      case "password" -> "Your password was changed.";
      case "conflict" -> "Someone saved in between; nothing was restored. Look again.";
      default -> null;
    };
  }

  static String label(ArticleStatus status) {
    return switch (status) {
      case DRAFT -> "Draft";
      case REVIEW -> "In review";
      case SCHEDULED -> "Scheduled";
      case PUBLISHED -> "Published";
      case UNPUBLISHED -> "Unpublished";
    };
  }

  static String label(Role role) {
    return switch (role) {
      case CONTRIBUTOR -> "Contributor";
      case EDITOR -> "Editor";
      case ADMIN -> "Admin";
    };
  }

  static String shown(Instant when, ZoneId zone) {
    return SHOWN.format(when.atZone(zone));
  }

  /** A date and time as typed in a datetime-local field, in the edition's zone; null (and an error) when it is not one. */
  static Instant parseLocal(String text, ZoneId zone, Map<String, String> errors) {
    try {
      return LocalDateTime.parse(text, LOCAL_INPUT).atZone(zone).toInstant();
    } catch (DateTimeException e) { // a parse error, or a year out of range
      errors.put(
          "publishAt", "Give the publication time as date and time, such as 2026-12-01T09:30.");
      return null;
    }
  }

  /** Only a newsroom path: never another site (no open redirect). */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/newsroom/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/newsroom/";
    }
    return next;
  }
}
