package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;
import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.FormFields.trimmed;

import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.web.HttpProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The editor's form as typed, and what it asks of the {@link io.masthead.article.ArticleDesk}: the
 * desk checks it (one set of rules for the form, the Admin API and every other writer).
 */
public final class ArticleForms {
  private ArticleForms() {}

  /** The editor form as typed. */
  public record Form(
      String edition,
      Long sectionId,
      Long seriesId,
      String headline,
      String standfirst,
      String slug,
      String tags,
      String body,
      List<Long> authorIds,
      List<Credit> credits,
      String publishAt,
      Long leadMediaId) {

    public static Form of(Context ctx) {
      var authors = new ArrayList<Long>();
      for (var a : ctx.formParams("author")) authors.add(parseId(a));
      var credits = new ArrayList<Credit>();
      for (var c : ctx.formParams("credit")) {
        try {
          credits.add(Credit.ofCode(c));
        } catch (IllegalArgumentException e) {
          throw new HttpProblem.BadRequest("no credit " + c);
        }
      }
      var section = blankToNull(ctx.formParam("section"));
      var seriesId = blankToNull(ctx.formParam("series"));
      return new Form(
          Optional.ofNullable(ctx.formParam("edition")).orElse(""),
          section == null ? null : parseId(section),
          seriesId == null ? null : parseId(seriesId),
          trimmed(ctx.formParam("headline"), 400),
          trimmed(ctx.formParam("standfirst"), 1200),
          trimmed(ctx.formParam("slug"), 200),
          trimmed(ctx.formParam("tags"), 3000),
          Optional.ofNullable(ctx.formParam("body")).orElse("").replace("\r\n", "\n"),
          authors,
          credits,
          trimmed(ctx.formParam("publishAt"), 40),
          leadImage(ctx));
    }

    /** A picture number typed in wins over the one picked from the recent pictures; "none" is none. */
    private static Long leadImage(Context ctx) {
      var typed = blankToNull(ctx.formParam("leadImageNumber"));
      if (typed != null) return pictureNumber(typed);
      var picked = blankToNull(ctx.formParam("leadImage"));
      return picked == null || picked.equals("none") ? null : parseId(picked);
    }

    /**
     * The number a person typed for a picture, as the form lists them ("No. 42") or bare; 0, which
     * no picture has, for anything else, so that the desk marks the field ({@code "twelve"} had
     * refused the whole form with a bare 400, the article's other fields unsaved and unshown).
     */
    static long pictureNumber(String typed) {
      var digits = typed.strip().replaceFirst("^(?i)(no\\.?|#)\\s*", "");
      if (!digits.matches("[0-9]{1,18}")) return 0;
      return Long.parseLong(digits);
    }

    /** What the form asks the desk to write. */
    public ArticleInput input() {
      var tagNames = Arrays.stream(tags.split(","))
          .map(String::strip)
          .filter(t -> !t.isEmpty())
          .toList();
      return new ArticleInput(
          edition,
          sectionId,
          seriesId,
          headline,
          standfirst,
          slug,
          tagNames,
          body,
          authorIds,
          credits,
          leadMediaId);
    }

    /** The article's current content as the form shows it, with its tags as typed. */
    public static Form of(Article a, String tags) {
      var in = ArticleInput.of(a);
      return new Form(
          in.edition(),
          in.sectionId(),
          in.seriesId(),
          in.headline(),
          in.standfirst(),
          in.slug(),
          tags,
          in.body(),
          in.authorIds(),
          in.credits(),
          "",
          in.leadMediaId());
    }
  }
}
