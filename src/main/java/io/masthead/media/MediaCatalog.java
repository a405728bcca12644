package io.masthead.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.masthead.change.Tags;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pictures pages show, kept in memory: a listing of twenty stories asks for twenty pictures,
 * and a rendition request for one, without a query each time. Follows the change log like the
 * other caches: a {@code media:ID} tag drops that picture. Thread-safe.
 */
public final class MediaCatalog {
  private final MediaRepository repository;
  private final Cache<Long, Optional<Media>> cache =
      Caffeine.newBuilder().maximumSize(50_000).build();

  public MediaCatalog(MediaRepository repository) {
    this.repository = repository;
  }

  public Optional<Media> find(long id) {
    return cache.get(id, repository::find);
  }

  /** The pictures with these ids that exist, by id. */
  public Map<Long, Media> findAll(Collection<Long> ids) {
    var wanted = new LinkedHashSet<Long>();
    for (var id : ids) if (id != null) wanted.add(id);
    if (wanted.isEmpty()) return Map.of();
    var found = cache.getAll(wanted, missing -> {
      var loaded = repository.findAll(Set.copyOf(missing));
      var result = new HashMap<Long, Optional<Media>>();
      for (var id : missing) result.put(id, Optional.ofNullable(loaded.get(id)));
      return result;
    });
    var present = new HashMap<Long, Media>();
    found.forEach((id, media) -> media.ifPresent(m -> present.put(id, m)));
    return present;
  }

  /** Drops one picture (written on this node just now). */
  public void invalidate(long id) {
    cache.invalidate(id);
  }

  /** Drops the pictures a change names. */
  public void invalidate(Set<String> tags) {
    for (var tag : tags) Tags.mediaIdOf(tag).ifPresent(cache::invalidate);
  }
}
