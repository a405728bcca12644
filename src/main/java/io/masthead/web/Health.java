package io.masthead.web;

import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/** {@code /healthz}: 200 when the database answers, 503 when it does not. */
public final class Health {
  private final BooleanSupplier databaseAnswers;

  /** {@code databaseAnswers} asks the database a trivial question (the storage layer's own check). */
  public Health(BooleanSupplier databaseAnswers) {
    this.databaseAnswers = databaseAnswers;
  }

  public void check(Context ctx) {
    boolean ok = databaseAnswers.getAsBoolean();
    ctx.header("Cache-Control", "no-store");
    ctx.status(ok ? 200 : 503)
        .contentType("text/plain; charset=utf-8")
        .result(ok ? "ok\n" : "database unavailable\n");
  }
}
