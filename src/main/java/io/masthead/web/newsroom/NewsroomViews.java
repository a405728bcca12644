package io.masthead.web.newsroom;

import io.masthead.newsroom.Staff;
import java.util.List;
import java.util.Map;

/** What the newsroom templates get. */
public final class NewsroomViews {
  private NewsroomViews() {}

  /** The frame of every newsroom page: who is signed in, their CSRF token, where they are. */
  public record Frame(Staff staff, String csrf, String title, String active, String notice) {
    public boolean isEditor() {
      return staff != null && staff.role().atLeast(io.masthead.command.Role.EDITOR);
    }

    public boolean isAdmin() {
      return staff != null && staff.role().atLeast(io.masthead.command.Role.ADMIN);
    }
  }

  public record Option(String value, String label, boolean selected) {}

  /** A list line: {@code when} is a ready-to-print time; {@code publicUrl} is set for live articles. */
  public record Row(
      long id,
      String headline,
      String status,
      String edition,
      String section,
      String writer,
      String when,
      String whenIso,
      String publicUrl) {}

  public record Login(String email, String next, String error, int status) {}

  public record Dashboard(
      Frame frame, List<Row> mine, List<Row> review, List<Row> scheduled, List<Row> published) {}

  public record ArticleList(
      Frame frame,
      List<Row> rows,
      List<Option> statuses,
      List<Option> editions,
      List<Option> sections,
      List<Option> authors,
      String text) {}

  /** The article form, as typed; {@code errors} by field name. */
  public record Editor(
      Frame frame,
      Long id,
      int version,
      String status,
      String dir,
      String lang,
      List<Option> editions,
      List<Option> sections,
      List<Option> series,
      List<Option> authors,
      List<Option> credits,
      String headline,
      String standfirst,
      String slug,
      String tags,
      String body,
      String publishAt,
      String timeZone,
      String publicUrl,
      Map<String, String> errors,
      List<String> actions,
      List<Row> corrections,
      String previewHtml,
      List<String> knownTags,
      String leadImage,
      List<LeadChoice> leadChoices,
      List<io.masthead.article.WireSourceRef> wireSources) {

    public String error(String field) {
      return errors.get(field);
    }

    /** Whether an agency has withdrawn an item this article was written from. */
    public boolean sourceKilled() {
      return wireSources.stream().anyMatch(io.masthead.article.WireSourceRef::killed);
    }
  }

  /** A picture the editor offers as the lead image: its number, a thumbnail, its alt text. */
  public record LeadChoice(long id, String thumb, String alt, boolean chosen) {}

  /** Someone saved first: their version, and what this person tried to save. */
  public record Conflict(
      Frame frame,
      Editor yours,
      String theirHeadline,
      String theirStandfirst,
      String theirBody,
      String savedBy,
      String savedAt) {}

  public record RevisionLine(int version, String savedAt, String savedBy, String headline) {}

  public record Revisions(
      Frame frame,
      long articleId,
      String headline,
      int currentVersion,
      List<RevisionLine> revisions) {}

  /** One line of a side-by-side diff; {@code kind} is equal, change, insert or delete. */
  public record DiffLine(String kind, String before, String after) {}

  public record Diff(
      Frame frame,
      long articleId,
      int version,
      int currentVersion,
      String savedBy,
      String savedAt,
      List<DiffLine> lines) {}

  public record AuditEntry(String at, String who, String action, String subject, String detail) {}

  public record Audit(Frame frame, List<AuditEntry> entries) {}

  public record StaffList(
      Frame frame, List<Staff> staff, List<Option> roles, String error, String created) {}

  public record Password(Frame frame, String error) {}

  public record TokenLine(long id, String name, String created, String lastUsed, boolean revoked) {}

  /**
   * {@code created} is a token just made, shown this once; {@code error}, why the name typed
   * ({@code typedName}) made none.
   */
  public record Tokens(
      Frame frame, List<TokenLine> tokens, String created, String error, String typedName) {}
}
