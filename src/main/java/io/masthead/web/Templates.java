package io.masthead.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;

/** The precompiled JTE templates. Thread-safe. */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Room for most pages, so that the output grows once or not at all. */
  private static final int PAGE_BYTES = 32 * 1024;

  /** Renders a template whose one parameter is {@code page}. */
  public byte[] render(String name, Object page) {
    var output = new Utf8ArrayOutput(PAGE_BYTES);
    engine.render(name, page, output);
    return output.toByteArray();
  }

  /** Renders a template with several parameters, by name. */
  public byte[] render(String name, java.util.Map<String, Object> parameters) {
    var output = new Utf8ArrayOutput(1024); // a fragment
    engine.render(name, parameters, output);
    return output.toByteArray();
  }

  /** Sends a page meant for one person (the newsroom, a reader's favorites): no cache keeps it. */
  public void sendPrivate(io.javalin.http.Context ctx, int status, String name, Object page) {
    ctx.status(status)
        .header("Cache-Control", "private, no-store")
        .contentType("text/html; charset=utf-8")
        .result(render(name, page));
  }
}
