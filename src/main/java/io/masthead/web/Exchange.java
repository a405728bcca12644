package io.masthead.web;

import io.javalin.http.Context;
import java.io.IOException;

/**
 * What sending a response that is already made needs of an HTTP exchange: the request's headers
 * and cookies, the response's status, headers and body. Two kinds: Javalin's {@link Context},
 * for responses its handlers send, and Jetty's own request, for cached responses sent before
 * Javalin's pipeline ({@link CachedResponses}); the code that sends a page is the same for both.
 * One per request; not thread-safe.
 */
public interface Exchange {
  /** A request header, or null. */
  String header(String name);

  /** A request cookie's value, or null. */
  String cookie(String name);

  /** Sets a response header, replacing any of that name. */
  Exchange setHeader(String name, String value);

  /**
   * Sets a response header made once ({@link org.eclipse.jetty.http.PreEncodedHttpField}): Jetty
   * writes its bytes as they are, with no lookup of its name or encoding of its value.
   */
  default Exchange setHeader(org.eclipse.jetty.http.HttpField field) {
    return setHeader(field.getName(), field.getValue());
  }

  /** Sets the status; with no {@link #send} after it, the response has no body (a 304). */
  void status(int code);

  /** Sends the whole body with its type and length. */
  default void send(String contentType, byte[] body) {
    send(contentType, java.nio.ByteBuffer.wrap(body));
  }

  /**
   * Sends the buffer's remaining bytes with their type and length; the buffer's position is left
   * as it was (it may be shared). A direct or mapped buffer goes to the socket with no copy.
   */
  void send(String contentType, java.nio.ByteBuffer body);

  static Exchange of(Context ctx) {
    return new Javalin(ctx);
  }

  /** Over Javalin's context: a handler's response. */
  record Javalin(Context ctx) implements Exchange {
    @Override
    public String header(String name) {
      return ctx.header(name);
    }

    @Override
    public String cookie(String name) {
      return ctx.cookie(name);
    }

    @Override
    public Exchange setHeader(String name, String value) {
      ctx.header(name, value);
      return this;
    }

    @Override
    public void status(int code) {
      ctx.status(code);
    }

    /**
     * Writes the bytes straight to the connection: an array as it is, other memory (a mapped
     * file) through a channel. Javalin's ctx.result copies them through a new 32 KiB buffer per
     * response, which at the rate cached pages are served was most of the garbage the server made.
     */
    @Override
    public void send(String contentType, java.nio.ByteBuffer body) {
      ctx.contentType(contentType);
      var response = ctx.res();
      response.setContentLength(body.remaining());
      try {
        var out = response.getOutputStream();
        if (body.hasArray()) {
          out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
        } else {
          java.nio.channels.Channels.newChannel(out).write(body.duplicate());
        }
      } catch (IOException e) {
        // The reader closed the connection mid-answer: there is no one left to answer.
      }
    }
  }
}
