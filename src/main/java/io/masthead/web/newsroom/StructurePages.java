package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;
import static io.masthead.web.newsroom.FormFields.parseId;

import io.javalin.http.Context;
import io.masthead.author.Author;
import io.masthead.author.AuthorDesk;
import io.masthead.author.AuthorRepository;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.section.Section;
import io.masthead.section.SectionDesk;
import io.masthead.section.SectionRepository;
import io.masthead.series.Series;
import io.masthead.series.SeriesDesk;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.Tag;
import io.masthead.tag.TagDesk;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.web.newsroom.NewsroomViews.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Editors manage an edition's sections, series, tags and authors here. Thread-safe. */
public final class StructurePages {
  /** The page: the edition's structure, each item with its own small form. */
  public record View(
      NewsroomViews.Frame frame,
      String edition,
      String dir,
      List<Option> editions,
      List<Section> sections,
      List<Option> parents,
      List<Series> series,
      List<Tag> tags,
      List<Author> authors,
      String error) {

    public List<Option> parentsFor(Section section) {
      var options = new ArrayList<Option>();
      options.add(new Option("", "(top level)", section == null || section.parentId() == null));
      for (var p : parents.subList(1, parents.size())) {
        if (section != null && p.value().equals(Long.toString(section.id()))) continue;
        options.add(new Option(
            p.value(),
            p.label(),
            section != null && p.value().equals(String.valueOf(section.parentId()))));
      }
      return options;
    }
  }

  private final NewsroomAuth auth;
  private final Editions editions;
  private final SectionDesk sectionDesk;
  private final SeriesDesk seriesDesk;
  private final TagDesk tagDesk;
  private final AuthorDesk authorDesk;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final Templates templates;

  public StructurePages(
      NewsroomAuth auth,
      Editions editions,
      SectionDesk sectionDesk,
      SeriesDesk seriesDesk,
      TagDesk tagDesk,
      AuthorDesk authorDesk,
      SectionRepository sections,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      Templates templates) {
    this.auth = auth;
    this.editions = editions;
    this.sectionDesk = sectionDesk;
    this.seriesDesk = seriesDesk;
    this.tagDesk = tagDesk;
    this.authorDesk = authorDesk;
    this.sections = sections;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.templates = templates;
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var edition = edition(ctx.queryParam("edition"));
    render(ctx, 200, session, edition, null, ctx.queryParam("notice") != null ? "Saved." : null);
  }

  /** One handler for every form on the page: {@code kind} and optional {@code id} in the address. */
  public void change(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var edition = edition(ctx.formParam("edition"));
    var kind = ctx.pathParam("kind");
    var idParam = ctx.pathParamMap().get("id");
    Long id = idParam == null ? null : parseId(idParam);
    var me = session.staff().actor();
    try {
      switch (kind) {
        case "sections" -> {
          var parent = blankToNull(ctx.formParam("parent"));
          Long parentId = parent == null ? null : parseId(parent);
          int position = number(ctx.formParam("position"));
          if (id == null) {
            sectionDesk.add(
                me,
                edition.code(),
                ctx.formParam("name"),
                ctx.formParam("slug"),
                parentId,
                position,
                ctx.formParam("description"));
          } else {
            sectionDesk.update(
                me,
                edition.code(),
                id,
                ctx.formParam("name"),
                parentId,
                position,
                ctx.formParam("description"));
          }
        }
        case "series" -> {
          if (id == null)
            seriesDesk.add(
                me,
                edition.code(),
                ctx.formParam("title"),
                ctx.formParam("slug"),
                ctx.formParam("description"));
          else
            seriesDesk.update(
                me, edition.code(), id, ctx.formParam("title"), ctx.formParam("description"));
        }
        case "tags" -> {
          if (id == null) tagDesk.add(me, edition.code(), ctx.formParam("name"));
          else tagDesk.rename(me, edition.code(), id, ctx.formParam("name"));
        }
        case "authors" -> {
          if (id == null)
            authorDesk.add(
                me,
                edition.code(),
                ctx.formParam("name"),
                ctx.formParam("jobTitle"),
                ctx.formParam("bio"));
          else
            authorDesk.update(
                me,
                edition.code(),
                id,
                ctx.formParam("name"),
                ctx.formParam("jobTitle"),
                ctx.formParam("bio"));
        }
        default -> throw new HttpProblem.NotFound("nothing called " + kind);
      }
    } catch (Refusal.Rejected e) {
      render(ctx, 422, session, edition, e.getMessage(), null);
      return;
    }
    ctx.status(303)
        .header(
            "Location", "/newsroom/structure?edition=" + edition.code() + "&notice=saved#" + kind);
  }

  private void render(
      Context ctx, int status, Session session, Edition edition, String error, String notice) {
    var all = sections.tree(edition.code()).all();
    var parents = new ArrayList<Option>();
    parents.add(new Option("", "(top level)", true));
    for (var s : all)
      if (s.parentId() == null) parents.add(new Option(Long.toString(s.id()), s.name(), false));
    var view = new View(
        new NewsroomViews.Frame(
            session.staff(),
            session.csrfToken(),
            "Sections, series, tags, authors",
            "structure",
            notice),
        edition.code(),
        edition.direction().attribute(),
        editions.all().stream()
            .map(e -> new Option(e.code(), e.name(), e.code().equals(edition.code())))
            .toList(),
        all,
        parents,
        series.list(edition.code()),
        tags.list(edition.code()),
        authors.list(edition.code()),
        error);
    templates.sendPrivate(ctx, status, "newsroom/structure.jte", view);
  }

  private Edition edition(String code) {
    return FormFields.edition(editions, code);
  }

  private static int number(String text) {
    try {
      return Optional.ofNullable(blankToNull(text)).map(Integer::parseInt).orElse(0);
    } catch (NumberFormatException e) {
      throw new Refusal.Rejected("The position is a whole number.");
    }
  }
}
