package io.masthead.search;

import java.io.IOException;
import java.time.Instant;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The gentle lift news gets for being recent: a match published today scores up to 30 % more than
 * the same match from long ago, a month-old one 15 % more. Relevance still decides; recency breaks
 * near-ties the way a reader expects. Immutable.
 */
final class Recency extends DoubleValuesSource {
  private static final double LIFT = 0.3;
  private static final double HALF_LIFE_DAYS = 30;
  private static final double MILLIS_PER_DAY = 86_400_000d;

  private final long now;

  private Recency(long now) {
    this.now = now;
  }

  static Query boost(Query query, Instant now) {
    return FunctionScoreQuery.boostByValue(query, new Recency(now.toEpochMilli()));
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    var published = DocValues.getNumeric(ctx.reader(), EditionIndex.PUBLISHED);
    return new DoubleValues() {
      private double value = 1;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        if (!published.advanceExact(doc)) {
          value = 1;
          return true;
        }
        double ageDays = Math.max(0, (now - published.longValue()) / MILLIS_PER_DAY);
        value = 1 + LIFT / (1 + ageDays / HALF_LIFE_DAYS);
        return true;
      }
    };
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return false;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(now);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recency r && r.now == now;
  }

  @Override
  public String toString() {
    return "recency(" + now + ")";
  }
}
