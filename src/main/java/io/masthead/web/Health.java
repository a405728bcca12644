package io.masthead.web;

import io.masthead.storage.Database;
import io.javalin.http.Context;

/** {@code /healthz}: 200 when the database answers, 503 when it does not. */
public final class Health {
  private final Database database;

  public Health(Database database) {
    this.database = database;
  }

  public void check(Context ctx) {
    boolean ok = database.isHealthy();
    ctx.header("Cache-Control", "no-store");
    ctx.status(ok ? 200 : 503).contentType("text/plain; charset=utf-8").result(ok ? "ok\n" : "database unavailable\n");
  }
}
