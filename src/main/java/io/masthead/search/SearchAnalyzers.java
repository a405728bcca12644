package io.masthead.search;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers of one language: {@code stemmed} for the text fields (a search for "regulators"
 * finds "regulator"; in Arabic, with or without diacritics, hamza forms, ال or و), {@code exact}
 * for the words as written (the spelling suggestions, and a boost for an exact match). {@link
 * #version} names the analysis and the document layout: an index made with another version is
 * rebuilt. Thread-safe.
 */
public record SearchAnalyzers(String language, Analyzer stemmed, Analyzer exact, String version) {

  /** The analyzers for a BCP 47 language tag; English, Arabic, and ICU folding for the rest. */
  public static SearchAnalyzers of(String languageTag) {
    var language = Locale.forLanguageTag(languageTag).getLanguage();
    return switch (language) {
      case "en" -> new SearchAnalyzers("en", english(true), english(false), "en-6");
      case "ar" -> new SearchAnalyzers("ar", arabic(true), arabic(false), "ar-6");
      default -> new SearchAnalyzers(language, folding(), folding(), "icu-6");
    };
  }

  /** Possessives, lower case, accents folded, stop words, then (when stemmed) Porter stemming. */
  private static Analyzer english(boolean stem) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        var source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        if (stem) {
          stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
          stream = new PorterStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  /**
   * Arabic: normalised before the stop words (so a stop word written with a hamza or diacritics is
   * still one), then light stemming (the article ال, the conjunction و and the common suffixes).
   */
  private static Analyzer arabic(boolean stem) {
    var stopWords = stem ? normalisedArabicStopWords() : CharArraySet.EMPTY_SET;
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        var source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new DecimalDigitFilter(stream);
        stream = new ArabicNormalizationFilter(stream);
        if (stem) {
          stream = new StopFilter(stream, stopWords);
          stream = new ArabicStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
      }
    };
  }

  private static CharArraySet normalisedArabicStopWords() {
    var set = new CharArraySet(200, false);
    try (var normaliser = arabic(false)) {
      for (var word : ArabicAnalyzer.getDefaultStopSet())
        set.add(normaliser.normalize("", new String((char[]) word)).utf8ToString());
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /** Any other language: Unicode word breaking and ICU folding (case, accents, width). */
  private static Analyzer folding() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        var source = new ICUTokenizer();
        return new TokenStreamComponents(source, new ICUFoldingFilter(source));
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ICUFoldingFilter(in);
      }
    };
  }
}
