package io.masthead.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every form of the newsroom's pages, submitted as an admin with hostile text in every field a
 * person types into: longer than any column, a NUL, markup, right-to-left script. Whatever a
 * form does with it, the answer is never a 500, nor the bare 400 page that loses what was typed. The forms are read from the pages themselves, so
 * a form added later is tried too. On SQLite here and on PostgreSQL in {@link
 * HostileFormsPostgresIT}, which refuses NUL and over-long text where SQLite keeps them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFormsIT {
  static final String HOSTILE = io.masthead.testing.Hostile.TEXT;

  /** The pages whose forms are tried; {@code DRAFT} is an article's id. */
  static final List<String> PAGES = List.of(
      "/newsroom/",
      "/newsroom/articles/new",
      "/newsroom/articles/DRAFT",
      "/newsroom/front-page",
      "/newsroom/structure",
      "/newsroom/staff",
      "/newsroom/editions",
      "/newsroom/media",
      "/newsroom/wire",
      "/newsroom/wire/sources",
      "/newsroom/webhooks",
      "/newsroom/account/tokens",
      "/newsroom/account/password");

  /**
   * Fields sent as the page gives them: hidden ones, choices, and numbers and times a browser
   * would not let a person type text into (with text, the whole form is refused with a 400 before
   * its other fields are read).
   */
  static final java.util.Set<String> KEPT_AS_GIVEN = java.util.Set.of(
      "hidden", "checkbox", "radio", "number", "date", "datetime-local", "time", "range", "color");

  TestOutlet site;
  TestOutlet.Staff admin;
  long draft;

  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 10, Map.of());
    var staff = site.outlet.staff.add(
        "admin@example.com",
        "Admin",
        io.masthead.command.Role.ADMIN,
        "correct horse battery",
        null);
    draft = site.draft(staff.actor(), "A draft");
    admin = site.signIn("admin@example.com", "correct horse battery");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void no_form_answers_500_or_a_bare_400_to_hostile_text_in_every_field() {
    var failed = new ArrayList<String>();
    var answers = new java.util.TreeMap<String, Integer>();
    int tried = 0;
    for (var page : PAGES) {
      var path = page.replace("DRAFT", Long.toString(draft));
      var html = site.get(admin, path);
      assertThat(html.statusCode()).as(path).isEqualTo(200);
      for (var form : Jsoup.parse(html.body()).select("form[method=post]")) {
        var action = form.attr("action").isEmpty() ? path : form.attr("action");
        // Signing out would end the session the other forms are sent with; uploads are files.
        if (action.contains("logout") || form.attr("enctype").startsWith("multipart")) continue;
        var response = site.post(admin, action, hostileFields(form));
        tried++;
        answers.merge(
            action.replaceAll("\\d+", "N") + " " + response.statusCode(), 1, Integer::sum);
        // 400 is the bare error page: what a person typed is refused on the form itself (422).
        if (response.statusCode() >= 500 || response.statusCode() == 400)
          failed.add(path + " → POST " + action + ": " + response.statusCode());
      }
    }
    System.out.println("HostileFormsIT: " + tried + " forms, answers: " + answers);
    assertThat(tried).as("forms tried").isGreaterThan(20);
    assertThat(failed).isEmpty();
  }

  /**
   * The form's fields as a browser would send them, every field a person types into holding
   * {@link #HOSTILE}; hidden fields (the version an edit started from) and choices are kept, so
   * that the text reaches the form's checks and its writes. The CSRF token is added by the post.
   */
  static String[] hostileFields(Element form) {
    var fields = new ArrayList<String>();
    for (var input : form.select("input[name], textarea[name], select[name]")) {
      var name = input.attr("name");
      var type = input.attr("type");
      if (name.equals("csrf") || type.equals("file")) continue;
      if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) continue;
      String value;
      if (input.tagName().equals("select")) {
        var chosen = input.select("option[selected]").first();
        if (chosen == null) chosen = input.select("option").first();
        value = chosen == null ? "" : chosen.val();
      } else if (KEPT_AS_GIVEN.contains(type)) {
        value = input.val();
      } else if (type.equals("submit")) {
        continue;
      } else {
        value = HOSTILE;
      }
      fields.add(name);
      fields.add(value);
    }
    // The action a click would send: "save" where the form has it (the article editor's first
    // button is a preview, which writes nothing), else its first named button.
    var button = form.select("button[name][value=save]").first();
    if (button == null) button = form.select("button[name]").first();
    if (button != null) {
      fields.add(button.attr("name"));
      fields.add(button.val());
    }
    return fields.toArray(String[]::new);
  }
}
