package io.masthead.web;

import io.javalin.http.Context;
import java.security.SecureRandom;

/** A short id per request, shown on error pages and written in the log line of the failure. */
public final class RequestIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String KEY = "masthead.request-id";

  private RequestIds() {}

  public static String of(Context ctx) {
    String id = ctx.attribute(KEY);
    if (id == null) {
      id = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
      ctx.attribute(KEY, id);
    }
    return id;
  }
}
