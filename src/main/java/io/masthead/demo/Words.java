package io.masthead.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Fills the demo copy's patterns with the names of one story. Not thread-safe; one per story. */
final class Words {
  private final Copy copy;
  private final SplittableRandom random;
  private final String place;
  private final String person;
  private final String subject;
  private final String object;
  private final String action;

  Words(Copy copy, Copy.Beat beat, SplittableRandom random) {
    this.copy = copy;
    this.random = random;
    this.place = pick(copy.places());
    this.person = pick(copy.people());
    this.subject = pick(beat.subjects());
    this.object = pick(beat.objects());
    this.action = pick(beat.actions());
  }

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  String fill(String pattern) {
    return pattern
        .replace("{Subject}", capitalise(subject))
        .replace("{subject}", subject)
        .replace("{object}", object)
        .replace("{action}", action)
        .replace("{place}", place)
        .replace("{person}", person)
        .replace("{role}", pick(copy.roles()))
        .replace("{weekday}", pick(copy.weekdays()))
        .replace("{n}", Integer.toString(12 + random.nextInt(480)))
        .replace("{pct}", Integer.toString(2 + random.nextInt(38)))
        .replace(
            "{money}",
            (20 + random.nextInt(900))
                + (copy == Copy.ARABIC ? " مليون دينار" : " million dinars"));
  }

  /** Paragraphs, and in longer stories a quote and a subheading. */
  String body(int paragraphs) {
    var out = new StringBuilder();
    for (int p = 0; p < paragraphs; p++) {
      if (p == 2) out.append("> ").append(fill(pick(copy.quotes()))).append("\n\n");
      if (p == 4 && paragraphs > 6)
        out.append("## ").append(pick(copy.subheadings())).append("\n\n");
      int sentences = 2 + random.nextInt(3);
      var used = new java.util.HashSet<Integer>();
      while (used.size() < sentences) { // no sentence twice in one paragraph
        int index = random.nextInt(copy.sentences().size());
        if (!used.add(index)) continue;
        if (used.size() > 1) out.append(' ');
        out.append(fill(copy.sentences().get(index)));
      }
      out.append("\n\n");
    }
    return out.toString();
  }

  String correction() {
    return copy == Copy.ARABIC
        ? "ذكرت نسخة سابقة من هذا التقرير خطأً أن الاجتماع عُقد في " + place + "."
        : "An earlier version of this article misstated where the meeting took place; it was held in "
            + place + ".";
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
