package io.masthead.testing;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test as on a machine whose locale is Egyptian Arabic (Arabic-Indic digits, Arabic
 * month names), the machine's own locale put back after it: for code that must write the same
 * text on every machine. Not for tests that run in parallel (the locale is the JVM's).
 */
public final class ArabicMachineLocale implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ArabicMachineLocale.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    var store = context.getStore(NAMESPACE);
    store.put("machine", Locale.getDefault());
    for (var category : Locale.Category.values()) store.put(category, Locale.getDefault(category));
    Locale.setDefault(Locale.forLanguageTag("ar-EG")); // and each category
  }

  @Override
  public void afterEach(ExtensionContext context) {
    var store = context.getStore(NAMESPACE);
    Locale.setDefault(store.get("machine", Locale.class));
    for (var category : Locale.Category.values())
      Locale.setDefault(category, store.get(category, Locale.class));
  }
}
