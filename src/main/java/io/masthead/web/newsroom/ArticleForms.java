package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;
import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.FormFields.trimmed;

import io.masthead.article.Article;
import io.masthead.article.ArticleDraft;
import io.masthead.article.ArticleDraft.BylineRef;
import io.masthead.article.Credit;
import io.masthead.article.Slug;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Editions;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An article as a writer gives it, from the editor's form or the Admin API's JSON, checked field
 * by field and turned into a draft. One set of rules for both. Thread-safe.
 */
public final class ArticleForms {
  private final Editions editions;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;

  public ArticleForms(Editions editions, SectionRepository sections, SeriesRepository series, TagRepository tags,
      AuthorRepository authors) {
    this.editions = editions;
    this.sections = sections;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
  }

  /** Checks the form and turns it into a draft; problems go into {@code errors} by field. */
  public ArticleDraft draft(Form form, Map<String, String> errors) {
    var edition = editions.find(form.edition()).orElse(null);
    if (edition == null) {
      errors.put("edition", "Choose an edition.");
      return null;
    }
    if (form.headline().isBlank()) errors.put("headline", "A headline is needed.");
    if (form.headline().length() > 300) errors.put("headline", "A headline has at most 300 characters.");
    if (form.standfirst().length() > 1000) errors.put("standfirst", "A standfirst has at most 1000 characters.");
    if (form.body().length() > 200_000) errors.put("body", "The body is too long (200,000 characters at most).");
    var tree = sections.tree(edition.code());
    if (form.sectionId() == null || tree.all().stream().noneMatch(s -> s.id() == form.sectionId())) {
      errors.put("section", "Choose a section of this edition.");
    }
    if (form.seriesId() != null && series.list(edition.code()).stream().noneMatch(s -> s.id() == form.seriesId())) {
      errors.put("series", "Choose a series of this edition, or none.");
    }
    var editionAuthors = authors.list(edition.code()).stream().map(a -> a.id()).toList();
    if (!editionAuthors.containsAll(form.authorIds())) errors.put("byline", "Choose authors of this edition.");
    if (form.authorIds().isEmpty() && form.credits().isEmpty()) errors.put("byline", "Credit at least one author, or Staff or Agencies.");
    if (!form.slug().isBlank() && !Slug.isValid(form.slug())) {
      errors.put("slug", "A slug is lower-case letters and digits joined by single hyphens, such as storm-hits-coast.");
    }
    var tagNames = Arrays.stream(form.tags().split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    if (tagNames.size() > 20) errors.put("tags", "At most 20 tags.");
    if (tagNames.stream().anyMatch(t -> t.length() > 100)) errors.put("tags", "A tag has at most 100 characters.");
    if (!errors.isEmpty()) return null;
    var byline = new ArrayList<BylineRef>();
    form.authorIds().forEach(id -> byline.add(BylineRef.author(id)));
    form.credits().forEach(c -> byline.add(BylineRef.credit(c)));
    var tagIds = tagNames.stream().map(name -> tags.findOrCreate(edition.code(), name)).toList();
    return new ArticleDraft(edition.code(), form.sectionId(), form.seriesId(), form.slug().isBlank() ? null : form.slug().strip(),
        form.headline().strip(), form.standfirst().strip(), form.body(), byline, tagIds);
  }

  /** The editor form as typed. */
  public record Form(String edition, Long sectionId, Long seriesId, String headline, String standfirst, String slug, String tags,
      String body, List<Long> authorIds, List<Credit> credits, String publishAt) {

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
      return new Form(Optional.ofNullable(ctx.formParam("edition")).orElse(""), section == null ? null : parseId(section),
          seriesId == null ? null : parseId(seriesId), trimmed(ctx.formParam("headline"), 400),
          trimmed(ctx.formParam("standfirst"), 1200), trimmed(ctx.formParam("slug"), 200), trimmed(ctx.formParam("tags"), 3000),
          Optional.ofNullable(ctx.formParam("body")).orElse("").replace("\r\n", "\n"), authors, credits,
          trimmed(ctx.formParam("publishAt"), 40));
    }

    public static Form of(Article a, String tags) {
      var authors = a.byline().stream().filter(b -> b.author() != null).map(b -> b.author().id()).toList();
      var credits = a.byline().stream().filter(b -> b.credit() != null).map(b -> b.credit()).toList();
      return new Form(a.edition(), a.section().id(), a.series() == null ? null : a.series().id(), a.headline(), a.standfirst(),
          a.slug(), tags, a.bodyMarkdown(), authors, credits, "");
    }
  }




}
