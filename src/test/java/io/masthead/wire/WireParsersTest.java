package io.masthead.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each format from files shaped like the agencies' own, and hostile files refused without harm. */
class WireParsersTest {
  static byte[] fixture(String name) {
    try (var in = WireParsersTest.class.getResourceAsStream("/wire/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void rss_with_cdata_entities_and_html_is_read_and_sanitised() throws Unreadable {
    var parsed = WireParsers.parse(WireFormat.RSS, fixture("northwire-rss.xml"));
    assertThat(parsed.items()).hasSize(2);
    var quake = parsed.items().getFirst();
    assertThat(quake.guid()).isEqualTo("northwire:2026:quake-halvern");
    assertThat(quake.version()).isNull();
    assertThat(quake.versionStamp()).isEqualTo("2026-12-01T06:10:00Z");
    assertThat(quake.language()).isEqualTo("en");
    assertThat(quake.lead())
        .isEqualTo(
            "A strong earthquake shook the harbour city of Port Halvern before dawn on Tuesday.");
    assertThat(quake.bodyHtml())
        .contains("“We are still counting,”")
        .doesNotContain("<script")
        .doesNotContain("alert");
    assertThat(WireText.paragraphs(quake.bodyHtml())).hasSize(3);
    assertThat(quake.subjects()).containsExactly("World", "Disasters");
    assertThat(quake.firstCreated()).isEqualTo(Instant.parse("2026-12-01T06:10:00Z"));
    var rates = parsed.items().get(1);
    assertThat(rates.lead()).contains("markets & analysts");
    assertThat(rates.signal()).isEqualTo(Signal.USABLE);
  }

  @Test
  void an_rss_update_has_a_new_stamp_and_a_kill_category_kills() throws Unreadable {
    var parsed = WireParsers.parse(WireFormat.RSS, fixture("northwire-rss-update.xml"));
    assertThat(parsed.items().getFirst().versionStamp()).isEqualTo("2026-12-01T08:30:00Z");
    assertThat(parsed.items().get(1).signal()).isEqualTo(Signal.KILLED);
    assertThat(parsed.items().get(1).subjects()).containsExactly("Business");
  }

  @Test
  void atom_with_xhtml_content_and_html_title() throws Unreadable {
    var item =
        WireParsers.parse(WireFormat.ATOM, fixture("meridian-atom.xml")).items().getFirst();
    assertThat(item.guid()).isEqualTo("urn:meridian:2026-12-01:0417");
    assertThat(item.headline())
        .isEqualTo("Deadly quake hits Port Halvern — old town buildings collapse");
    assertThat(item.bodyHtml()).contains("<em>Port Halvern</em>").doesNotContain("xmlns");
    assertThat(item.subjects()).containsExactly("World", "Earthquakes");
    assertThat(item.lead()).startsWith("At least a dozen people died");
  }

  @Test
  void an_atom_update_has_a_new_stamp_html_content_and_a_withdrawn_entry_is_a_kill()
      throws Unreadable {
    var parsed = WireParsers.parse(WireFormat.ATOM, fixture("meridian-atom-update.xml"));
    var update = parsed.items().getFirst();
    assertThat(update.guid()).isEqualTo("urn:meridian:2026-12-01:0417");
    assertThat(update.versionStamp()).isEqualTo("2026-12-01T09:40:00Z");
    assertThat(update.lead()).isEqualTo("The toll rose to 19, Mayor Ilse Varga said.");
    assertThat(update.bodyHtml()).contains("Tuesday’s earthquake");
    var kill = parsed.items().get(1);
    assertThat(kill.signal()).isEqualTo(Signal.KILLED);
    assertThat(kill.subjects()).isEmpty();
  }

  @Test
  void ninjs_one_and_two_and_a_kill() throws Unreadable {
    var v1 = WireParsers.parse(WireFormat.NINJS, fixture("kestrel-ninjs1.json"))
        .items()
        .getFirst();
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.urgency()).isEqualTo(2);
    assertThat(v1.dateline()).isEqualTo("PORT HALVERN");
    assertThat(v1.place()).isEqualTo("Port Halvern");
    assertThat(v1.subjects()).containsExactly("Earthquakes");
    assertThat(WireText.paragraphs(v1.bodyHtml())).hasSize(2);
    var v2 = WireParsers.parse(WireFormat.NINJS, fixture("kestrel-ninjs2.json"))
        .items()
        .getFirst();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.headline()).isEqualTo("Death toll in Port Halvern quake rises to 19");
    assertThat(v2.lead()).startsWith("Nineteen people died");
    assertThat(v2.embargo()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    assertThat(v2.bodyHtml()).contains("<p>Nineteen people died");
    var kill = WireParsers.parse(WireFormat.NINJS, fixture("kestrel-ninjs-kill.json"))
        .items()
        .getFirst();
    assertThat(kill.signal()).isEqualTo(Signal.KILLED);
    assertThat(kill.version()).isEqualTo(3);
  }

  @Test
  void newsml_g2_news_item_named_by_its_knowledge_item() throws Unreadable {
    var parsed = WireParsers.parse(WireFormat.NEWSML_G2, fixture("sahel-newsml.xml"));
    assertThat(parsed.items()).hasSize(1);
    assertThat(parsed.notes()).anyMatch(n -> n.contains("knowledge item"));
    var item = parsed.items().getFirst();
    assertThat(item.guid()).isEqualTo("urn:sahel:2026:ar:0091");
    assertThat(item.language()).isEqualTo("ar");
    assertThat(item.urgency()).isEqualTo(1);
    assertThat(item.subjects()).containsExactly("زلازل");
    assertThat(item.place()).isEqualTo("بورت هالفرن");
    assertThat(item.dateline()).startsWith("بورت هالفرن");
    assertThat(item.embargo()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(WireText.paragraphs(item.bodyHtml())).hasSize(2);
    var kill = WireParsers.parse(WireFormat.NEWSML_G2, fixture("sahel-newsml-kill.xml"))
        .items()
        .getFirst();
    assertThat(kill.signal()).isEqualTo(Signal.KILLED);
    assertThat(kill.version()).isEqualTo(2);
  }

  @Test
  void hostile_and_wrong_files_are_refused_with_a_reason() {
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.RSS, fixture("laughs.xml")))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("DTD");
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.RSS, fixture("xxe.xml")))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("DTD");
    var big = ("<rss version=\"2.0\"><channel>" + "x".repeat(10 * 1024 * 1024) + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.RSS, big))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("at most 4 MB");
    var invalidUtf8 =
        "<rss version=\"2.0\"><channel><item><title>caf\u00e9</title></item></channel></rss>"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.RSS, invalidUtf8))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.NEWSML_G2, fixture("northwire-rss.xml")))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("looks like RSS 2.0");
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.NINJS, fixture("meridian-atom.xml")))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("looks like Atom");
    assertThatThrownBy(() ->
            WireParsers.parse(WireFormat.NINJS, "{\"uri\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("Not valid JSON");
    assertThatThrownBy(() ->
            WireParsers.parse(WireFormat.RSS, "<rss><channel>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("Not well-formed XML");
    assertThatThrownBy(() -> WireParsers.parse(WireFormat.RSS, new byte[0]))
        .isInstanceOf(Unreadable.class)
        .hasMessageContaining("empty");
  }
}
