package io.masthead.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/** The precompiled JTE templates. Thread-safe. */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders a template whose one parameter is {@code page}. */
  public byte[] render(String name, Object page) {
    var output = new Utf8ByteOutput();
    engine.render(name, page, output);
    return output.toByteArray();
  }
}
