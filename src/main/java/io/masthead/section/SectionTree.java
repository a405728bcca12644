package io.masthead.section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sections of one edition, as a tree. Immutable and thread-safe. */
public final class SectionTree {
  private final Map<Long, Section> byId = new LinkedHashMap<>();
  private final Map<String, Section> bySlug = new LinkedHashMap<>();

  public SectionTree(List<Section> sections) {
    sections.stream()
        .sorted(Comparator.comparingInt(Section::position).thenComparing(Section::name))
        .forEach(s -> {
          byId.put(s.id(), s);
          bySlug.put(s.slug(), s);
        });
  }

  public Optional<Section> findBySlug(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  public Optional<Section> find(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Section get(long id) {
    var section = byId.get(id);
    if (section == null) throw new IllegalArgumentException("no section " + id);
    return section;
  }

  public List<Section> topLevel() {
    return byId.values().stream().filter(Section::isTopLevel).toList();
  }

  public List<Section> children(Section parent) {
    return byId.values().stream()
        .filter(s -> Long.valueOf(parent.id()).equals(s.parentId()))
        .toList();
  }

  /** From the top down to this section, this section included. */
  public List<Section> pathTo(Section section) {
    var path = new ArrayList<Section>();
    for (Section s = section; s != null; s = s.parentId() == null ? null : byId.get(s.parentId())) {
      path.addFirst(s);
      if (path.size() > byId.size())
        throw new IllegalStateException("section cycle at " + section.slug());
    }
    return path;
  }

  public List<Section> all() {
    return List.copyOf(byId.values());
  }
}
