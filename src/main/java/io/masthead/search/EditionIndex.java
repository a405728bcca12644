package io.masthead.search;

import io.masthead.change.ChangeLog.Position;
import io.masthead.search.SearchResults.Facet;
import io.masthead.search.SearchResults.Hit;
import io.masthead.search.SearchResults.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * One edition's Lucene index in one directory: a writer, near-real-time searchers refreshed after
 * each commit, and the change-log {@link Position} in every commit's user data, so the documents
 * and the cursor always commit together (after a crash the index resumes exactly where its last
 * commit left it, and a change handed again only rewrites the same documents). Thread-safe.
 */
final class EditionIndex implements AutoCloseable {
  static final String ID = "id";
  static final String HEADLINE = "headline";
  static final String STANDFIRST = "standfirst";
  static final String BODY = "body";
  static final String NAMES = "names";
  static final String EXACT = "exact";
  static final String PUBLISHED = "published";
  static final String BYLINE = "byline";

  /** What a results page shows of a hit, in one doc value: slug, headline, standfirst, section, times. */
  static final String SHOWN = "shown";

  /** Facet dimensions, and the plain fields that filter by the same keys. */
  static final List<String> DIMENSIONS = List.of("section", "author", "tag", "year");

  private static final String FILTER = "f_";

  /** Commit user data. */
  private static final String LAST_CHANGE = "change.last";

  private static final String GAPS = "change.gaps";
  private static final String ANALYSIS = "analysis";
  private static final String COMPLETE = "complete";

  /** How much each field counts: a word in the headline more than one deep in the body. */
  private static final Map<String, Float> FIELDS =
      Map.of(HEADLINE, 3f, STANDFIRST, 1.5f, NAMES, 2f, BODY, 1f, EXACT, 0.5f);

  /**
   * Snippets come from this much of the body (a news story puts its news first): only this much
   * of it is stored, and the sentence breaking, most of a search's cost, walks no further.
   */
  static final int SNIPPET_SOURCE = 2_000;

  private static final SnippetScorer SCORER = new SnippetScorer();

  private static final FieldType BODY_TYPE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    // Offsets in the postings: the highlighter finds the passages without analysing again.
    BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    BODY_TYPE.freeze();
  }

  final String edition;
  final Path directory;
  private final SearchAnalyzers analyzers;
  private final Analyzer perField;
  private final ZoneId zone;
  private final FSDirectory store;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facets = new FacetsConfig();
  private volatile FacetState facetState;

  /**
   * Results by request, for the searcher that found them (null: no cache): dropped at every refresh, so a publish
   * shows at once, while the head of popular queries between two publishes costs a lookup (as
   * Elasticsearch's request cache does). Kept at most five minutes, for the recency lift.
   */
  private final com.github.benmanes.caffeine.cache.Cache<CacheKey, SearchResults> results;

  /** The facet ordinals of one reader, made again when the reader is refreshed. */
  private record FacetState(DirectoryReader reader, DefaultSortedSetDocValuesReaderState state) {}

  private EditionIndex(
      String edition, Path directory, SearchAnalyzers analyzers, ZoneId zone, boolean cache)
      throws IOException {
    this.results = cache
        ? com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(5))
            .<CacheKey, SearchResults>build()
        : null;
    this.edition = edition;
    this.directory = directory;
    this.analyzers = analyzers;
    this.zone = zone;
    this.perField =
        new PerFieldAnalyzerWrapper(analyzers.stemmed(), Map.of(EXACT, analyzers.exact()));
    Files.createDirectories(directory);
    this.store = FSDirectory.open(directory);
    var config = new IndexWriterConfig(perField)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        // Flushed to a segment when the buffer is full: an eighth of the heap, at most 64 MB, so a
        // rebuild inside a small server (-Xmx128m) leaves room for its pages.
        .setRAMBufferSizeMB(Math.max(8, Math.min(64, Runtime.getRuntime().maxMemory() >> 23)))
        .setCommitOnClose(false);
    this.writer = new IndexWriter(store, config);
    this.searchers = new SearcherManager(writer, new SearcherFactory());
    this.wholeCommitted = isComplete(directory, analyzers);
    searchers.addListener(new ReferenceManager.RefreshListener() {
      @Override
      public void beforeRefresh() {}

      @Override
      public void afterRefresh(boolean didRefresh) {
        if (didRefresh && results != null) results.invalidateAll();
      }
    });
    facets.setMultiValued("author", true);
    facets.setMultiValued("tag", true);
  }

  /** Opens (or makes) the index in {@code directory}. */
  static EditionIndex open(String edition, Path directory, SearchAnalyzers analyzers, ZoneId zone) {
    return open(edition, directory, analyzers, zone, true);
  }

  /** {@code cacheResults}: keep results until the next refresh (off to measure every search). */
  static EditionIndex open(
      String edition,
      Path directory,
      SearchAnalyzers analyzers,
      ZoneId zone,
      boolean cacheResults) {
    try {
      return new EditionIndex(edition, directory, analyzers, zone, cacheResults);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + directory, e);
    }
  }

  /**
   * Whether the directory holds a whole index made with this analysis, without opening it (it may
   * be held by another process).
   */
  static boolean isComplete(Path directory, SearchAnalyzers analyzers) {
    return committed(directory)
        .map(data ->
            "true".equals(data.get(COMPLETE)) && analyzers.version().equals(data.get(ANALYSIS)))
        .orElse(false);
  }

  private static Optional<Map<String, String>> committed(Path directory) {
    if (!Files.isDirectory(directory)) return Optional.empty();
    try (var dir = FSDirectory.open(directory)) {
      if (!DirectoryReader.indexExists(dir)) return Optional.empty();
      return Optional.of(SegmentInfos.readLatestCommit(dir).getUserData());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The change-log position of the last commit; empty for an index never committed. */
  Optional<Position> position() {
    var data = committed(directory).orElse(Map.of());
    if (!data.containsKey(LAST_CHANGE)) return Optional.empty();
    var gaps = data.getOrDefault(GAPS, "");
    return Optional.of(new Position(
        Long.parseLong(data.get(LAST_CHANGE)),
        gaps.isEmpty()
            ? List.of()
            : Arrays.stream(gaps.split(",")).map(Long::parseLong).toList()));
  }

  /** Adds the article, or replaces the document it had. */
  void put(Indexable article) {
    try {
      writer.updateDocument(idTerm(article.id()), facets.build(document(article)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void remove(long articleId) {
    try {
      writer.deleteDocuments(idTerm(articleId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * When a change touched no document of this index (an article of another edition, a reader's
   * star), only the position moved: its commit (an fsync) waits this long at most, or for the next
   * change that does touch a document. After a crash the changes since are handed over again,
   * which only rewrites the same documents.
   */
  private static final long IDLE_COMMIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

  private long lastCommitNanos = System.nanoTime();
  private Position pending;

  /** Whether the directory's last commit marks a whole index (read once at open, then kept). */
  private boolean wholeCommitted;

  /**
   * Commits what was put and removed together with the position reached, then opens a new
   * searcher: from now on searches see it. {@code complete} marks a whole index (a rebuild's last
   * commit; every commit after it keeps the mark).
   */
  synchronized void commit(Position position, boolean complete) {
    boolean idle = !writer.hasUncommittedChanges()
        && System.nanoTime() - lastCommitNanos < IDLE_COMMIT_NANOS
        && wholeCommitted;
    if (idle && complete) {
      pending = position;
      return;
    }
    var data = new LinkedHashMap<String, String>();
    data.put(LAST_CHANGE, Long.toString(position.lastId()));
    data.put(GAPS, position.gaps().stream().map(String::valueOf).collect(Collectors.joining(",")));
    data.put(ANALYSIS, analyzers.version());
    data.put("edition", edition);
    data.put(COMPLETE, Boolean.toString(complete));
    try {
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
      lastCommitNanos = System.nanoTime();
      pending = null;
      wholeCommitted = complete;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops what was put and removed since the last commit, and closes: what a crash does. */
  void abandon() {
    try {
      searchers.close();
      writer.rollback();
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many articles the searchers see. */
  int size() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** How many documents the article has in what searchers see: 0 or 1, never more. */
  int documents(long articleId) {
    return withSearcher(s -> s.count(new TermQuery(idTerm(articleId))));
  }

  private static Term idTerm(long id) {
    return new Term(ID, Long.toString(id));
  }

  private Document document(Indexable article) {
    var doc = new Document();
    // The id and the byline are read for every hit: from doc values, not from the compressed
    // stored block, which also holds the body and costs a decompression each time it is read.
    doc.add(new StringField(ID, Long.toString(article.id()), Field.Store.NO));
    doc.add(new NumericDocValuesField(ID, article.id()));
    doc.add(new BinaryDocValuesField(SHOWN, shown(article)));
    doc.add(new StringField("status", article.status(), Field.Store.YES));
    doc.add(new TextField(HEADLINE, article.headline(), Field.Store.NO));
    doc.add(new TextField(STANDFIRST, article.standfirst(), Field.Store.YES));
    // The whole body is searched; its beginning is stored for the snippets (the highlighter looks
    // no further), which keeps the stored blocks a hit decompresses small.
    doc.add(new Field(BODY, article.bodyText(), BODY_TYPE));
    doc.add(new StoredField(BODY, prefix(article.bodyText(), SNIPPET_SOURCE)));
    var names = new ArrayList<String>();
    article.sectionPath().forEach(s -> names.add(s.name()));
    if (article.series() != null) names.add(article.series().name());
    article.tags().forEach(t -> names.add(t.name()));
    article.people().forEach(p -> names.add(p.name()));
    doc.add(new TextField(NAMES, String.join("\n", names), Field.Store.NO));
    // The words as written, for "did you mean" and for queries of stop words only: from the
    // headline, the standfirst and the names. The body is left out: analysing it a second time
    // was a third of a rebuild.
    doc.add(new TextField(
        EXACT,
        String.join("\n", article.headline(), article.standfirst(), String.join("\n", names)),
        Field.Store.NO));
    long published = article.publishedAt().toEpochMilli();
    doc.add(new LongPoint(PUBLISHED, published));
    doc.add(new NumericDocValuesField(PUBLISHED, published));
    doc.add(new StoredField(PUBLISHED, published));
    doc.add(new BinaryDocValuesField(
        BYLINE,
        new BytesRef(String.join(
            "\u001f", article.people().stream().map(Indexable.Named::name).toList()))));

    var section = article.section();
    doc.add(new SortedSetDocValuesFacetField("section", label(section)));
    article.sectionPath().forEach(s -> filter(doc, "section", s.key()));
    for (var person : article.people()) {
      doc.add(new SortedSetDocValuesFacetField("author", label(person)));
      filter(doc, "author", person.key());
    }
    for (var tag : article.tags()) {
      doc.add(new SortedSetDocValuesFacetField("tag", label(tag)));
      filter(doc, "tag", tag.key());
    }
    var year = Integer.toString(article.publishedAt().atZone(zone).getYear());
    doc.add(new SortedSetDocValuesFacetField("year", year));
    filter(doc, "year", year);
    return doc;
  }

  private static String prefix(String text, int length) {
    if (text.length() <= length) return text;
    int end = Character.isLowSurrogate(text.charAt(length)) ? length - 1 : length;
    return text.substring(0, end);
  }

  private static final char SEPARATOR = '\u001f';

  private static BytesRef shown(Indexable article) {
    return new BytesRef(String.join(
        String.valueOf(SEPARATOR),
        article.slug(),
        article.headline(),
        article.standfirst(),
        article.section().key(),
        Long.toString(article.publishedAt().toEpochMilli()),
        article.updatedAt() == null ? "" : Long.toString(article.updatedAt().toEpochMilli()),
        article.leadMediaId() == null ? "" : Long.toString(article.leadMediaId())));
  }

  /** A facet value carries its key and its name, so the results need nothing from the database. */
  private static String label(Indexable.Named named) {
    return named.key() + "\u001f" + named.name();
  }

  private static void filter(Document doc, String dimension, String key) {
    doc.add(new StringField(FILTER + dimension, key, Field.Store.NO));
  }

  // ---- searching ------------------------------------------------------------------------------

  /** The ids of the best matches, best first, at most {@code limit}; none for no words. */
  List<Long> find(String text, int limit) {
    var query = query(SearchText.parse(text));
    if (query == null) return List.of();
    return withSearcher(searcher -> {
      var top = searcher.search(query, limit);
      var ids = new ArrayList<Long>(top.scoreDocs.length);
      for (var doc : top.scoreDocs) ids.add(docValues(searcher, doc.doc).id());
      return ids;
    });
  }

  /** A request as answered by one version of the index: a newer version never sees it. */
  private record CacheKey(long version, SearchRequest request) {}

  SearchResults search(SearchRequest request) {
    return withSearcher(searcher -> {
      if (results == null) return searchNow(searcher, request);
      var key = new CacheKey(((DirectoryReader) searcher.getIndexReader()).getVersion(), request);
      var cached = results.getIfPresent(key);
      if (cached != null) return cached;
      var found = searchNow(searcher, request);
      results.put(key, found);
      return found;
    });
  }

  private SearchResults searchNow(IndexSearcher searcher, SearchRequest request)
      throws IOException {
    var text = SearchText.parse(request.text());
    var words = query(text);
    if (words == null) return SearchResults.nothingToSearch();
    var query = new BooleanQuery.Builder().add(words, Occur.MUST);
    filters(request).forEach(f -> query.add(f, Occur.FILTER));
    var built = query.build();
    int wanted = request.page() * SearchRequest.PAGE_SIZE;
    var result = request.order() == SearchRequest.Order.NEWEST
        ? FacetsCollectorManager.search(
            searcher,
            built,
            wanted,
            // Same publication time (same millisecond, or an import's whole seconds): the later
            // article
            // first, as listings order them; the order of documents changes with every re-index.
            new Sort(
                new SortField(PUBLISHED, SortField.Type.LONG, true),
                new SortField(ID, SortField.Type.LONG, true)),
            new FacetsCollectorManager())
        : FacetsCollectorManager.search(
            searcher, Recency.boost(built, Instant.now()), wanted, new FacetsCollectorManager());
    var top = result.topDocs();
    long total = top.totalHits.value();
    var page = Arrays.copyOfRange(
        top.scoreDocs,
        Math.min(top.scoreDocs.length, (request.page() - 1) * SearchRequest.PAGE_SIZE),
        top.scoreDocs.length);
    var hits = hits(searcher, built, page);
    var facetValues = total == 0 ? List.<Facet>of() : facetCounts(searcher, result);
    var suggestion = total == 0 ? suggest(searcher, text) : null;
    return new SearchResults(total, hits, facetValues, suggestion, null);
  }

  /** Each part of the text in every field, in the field's analysis; null when nothing is left. */
  private Query query(SearchText text) {
    var bool = new BooleanQuery.Builder();
    boolean positive = false;
    for (var part : text.parts()) {
      var disjuncts = new ArrayList<Query>();
      FIELDS.forEach((field, boost) -> {
        var builder =
            new QueryBuilder(field.equals(EXACT) ? analyzers.exact() : analyzers.stemmed());
        var q = part.phrase()
            ? builder.createPhraseQuery(field, part.text())
            : builder.createBooleanQuery(field, part.text(), Occur.MUST);
        if (q != null) disjuncts.add(new BoostQuery(q, boost));
      });
      if (disjuncts.isEmpty()) continue;
      var either = new DisjunctionMaxQuery(disjuncts, 0.1f);
      if (part.excluded()) {
        bool.add(either, Occur.MUST_NOT);
      } else {
        bool.add(either, Occur.MUST);
        positive = true;
      }
    }
    return positive ? bool.build() : null;
  }

  private List<Query> filters(SearchRequest request) {
    var filters = new ArrayList<Query>();
    if (request.section() != null) filters.add(term("section", request.section()));
    if (request.author() != null) filters.add(term("author", request.author()));
    if (request.tag() != null) filters.add(term("tag", request.tag()));
    if (request.year() != null) filters.add(term("year", request.year().toString()));
    if (request.from() != null || request.to() != null) {
      long from = request.from() == null
          ? Long.MIN_VALUE
          : request.from().atStartOfDay(zone).toInstant().toEpochMilli();
      long to = request.to() == null
          ? Long.MAX_VALUE
          : request.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
      filters.add(LongPoint.newRangeQuery(PUBLISHED, from, to));
    }
    return filters;
  }

  private static Query term(String dimension, String key) {
    return new TermQuery(new Term(FILTER + dimension, key));
  }

  private List<Hit> hits(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
    if (page.length == 0) return List.of();
    var highlighter = UnifiedHighlighter.builder(searcher, perField)
        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
        .withScorer(SCORER)
        // Snippets come from the stored beginning of the body.
        .withMaxLength(SNIPPET_SOURCE)
        .build();
    int[] docIds = new int[page.length];
    for (int i = 0; i < page.length; i++) docIds[i] = page[i].doc;
    // The highlighter wants its documents in id order; the hits stay in rank order.
    var order = new HashMap<Integer, Integer>();
    var sorted = docIds.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) order.put(sorted[i], i);
    var snippets = highlighter.highlightFields(
        new String[] {BODY, STANDFIRST}, query, sorted, new int[] {2, 1});
    var hits = new ArrayList<Hit>(page.length);
    for (var doc : page) {
      var values = docValues(searcher, doc.doc);
      int at = order.get(doc.doc);
      var snippet = snippets.get(BODY)[at];
      var standfirst = snippets.get(STANDFIRST)[at];
      if (standfirst != null
          && standfirst.contains("<mark>")
          && (snippet == null || !snippet.contains("<mark>"))) snippet = standfirst;
      var shown = values.shown();
      hits.add(new Hit(
          values.id(),
          shown[0],
          shown[1],
          shown[2],
          Long.parseLong(shown[3]),
          Instant.ofEpochMilli(Long.parseLong(shown[4])),
          shown[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(shown[5])),
          snippet == null ? "" : snippet,
          values.byline(),
          // An index written before pictures existed has six values: no picture.
          shown.length < 7 || shown[6].isEmpty() ? null : Long.parseLong(shown[6])));
    }
    return hits;
  }

  private record Values(long id, List<String> byline, String[] shown) {}

  /** The id, the byline and what a page shows of a document, from its doc values. */
  private static Values docValues(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    int local = doc - leaf.docBase;
    var ids = org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), ID);
    long id = ids.advanceExact(local) ? ids.longValue() : -1;
    var bylines = org.apache.lucene.index.DocValues.getBinary(leaf.reader(), BYLINE);
    var byline = bylines.advanceExact(local) ? bylines.binaryValue().utf8ToString() : "";
    var shownValues = org.apache.lucene.index.DocValues.getBinary(leaf.reader(), SHOWN);
    var shown = shownValues.advanceExact(local)
        ? shownValues.binaryValue().utf8ToString().split(String.valueOf(SEPARATOR), -1)
        : new String[] {"", "", "", "0", "0", ""};
    return new Values(
        id, byline.isEmpty() ? List.of() : List.of(byline.split(String.valueOf(SEPARATOR))), shown);
  }

  private List<Facet> facetCounts(
      IndexSearcher searcher, FacetsCollectorManager.FacetsResult result) throws IOException {
    var state = facetState((DirectoryReader) searcher.getIndexReader());
    if (state == null) return List.of();
    var counts = new SortedSetDocValuesFacetCounts(state, result.facetsCollector());
    var found = new ArrayList<Facet>();
    for (var dimension : DIMENSIONS) {
      FacetResult top;
      try {
        top = counts.getTopChildren(dimension.equals("year") ? 20 : 10, dimension);
      } catch (IllegalArgumentException noSuchDimension) {
        continue;
      }
      if (top == null) continue;
      var values = new ArrayList<Value>();
      for (var value : top.labelValues) {
        int split = value.label.indexOf('\u001f');
        var key = split < 0 ? value.label : value.label.substring(0, split);
        var name = split < 0 ? value.label : value.label.substring(split + 1);
        values.add(new Value(key, name, value.value.longValue()));
      }
      if (dimension.equals("year")) values.sort((a, b) -> b.key().compareTo(a.key()));
      found.add(new Facet(dimension, values));
    }
    return found;
  }

  /** The facet state of this reader, made once per refresh; null when no document has a facet. */
  private DefaultSortedSetDocValuesReaderState facetState(DirectoryReader reader)
      throws IOException {
    var current = facetState;
    if (current != null && current.reader() == reader) return current.state();
    synchronized (this) {
      current = facetState;
      if (current != null && current.reader() == reader) return current.state();
      DefaultSortedSetDocValuesReaderState state;
      try {
        state = new DefaultSortedSetDocValuesReaderState(reader, facets);
      } catch (IllegalArgumentException noFacetsYet) {
        return null;
      }
      facetState = new FacetState(reader, state);
      return state;
    }
  }

  /** "Did you mean": each word not in the index replaced by the closest one that is. */
  private String suggest(IndexSearcher searcher, SearchText text) throws IOException {
    var checker = new DirectSpellChecker();
    var reader = searcher.getIndexReader();
    var suggestion = new StringBuilder();
    boolean changed = false;
    for (var part : text.parts()) {
      var written = part.text();
      var replaced = written;
      if (!part.phrase() && !part.excluded()) {
        var term = analyzers.exact().normalize(EXACT, written).utf8ToString();
        if (!term.isEmpty() && reader.docFreq(new Term(EXACT, term)) == 0) {
          var similar = checker.suggestSimilar(
              new Term(EXACT, term), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
          if (similar.length > 0) {
            replaced = similar[0].string;
            changed = true;
          }
        }
      }
      if (!suggestion.isEmpty()) suggestion.append(' ');
      if (part.excluded()) suggestion.append('-');
      suggestion.append(part.phrase() ? '"' + replaced + '"' : replaced);
    }
    return changed ? suggestion.toString() : null;
  }

  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return work.apply(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searchers, searcher);
    }
  }

  private static void release(ReferenceManager<IndexSearcher> manager, IndexSearcher searcher) {
    try {
      manager.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (pending != null) commit(pending, true);
    } catch (RuntimeException e) {
      // The position is only an optimisation here: the changes since are handed over again.
    }
    try {
      searchers.close();
      writer.close();
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
