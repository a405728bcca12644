package io.masthead.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the terms a passage matches, lowered the later it starts),
 * computed without Lucene's per-passage {@code BytesRefHash}, which allocates a 32 KB block for
 * every passage scored: two thirds of everything a search allocated. A passage matches a handful
 * of terms, so a small array finds the repeats. The same scores. Thread-safe.
 */
final class SnippetScorer extends PassageScorer {
  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    var terms = passage.getMatchTerms();
    var inDocument = passage.getMatchTermFreqsInDoc();
    var unique = new BytesRef[matches];
    var freqInPassage = new int[matches];
    var freqInDocument = new int[matches];
    int size = 0;
    next:
    for (int i = 0; i < matches; i++) {
      for (int j = 0; j < size; j++) {
        if (unique[j].bytesEquals(terms[i])) {
          freqInPassage[j]++;
          continue next;
        }
      }
      unique[size] = terms[i];
      freqInDocument[size] = inDocument[i];
      freqInPassage[size] = 1;
      size++;
    }
    float score = 0;
    for (int j = 0; j < size; j++)
      score += tf(freqInPassage[j], passage.getLength()) * weight(contentLength, freqInDocument[j]);
    return score * norm(passage.getStartOffset());
  }
}
