package io.masthead.web;

/**
 * A request that cannot be answered with its page; {@link ErrorPages} turns each kind into a
 * status and a friendly page in the reader's edition.
 */
public sealed class HttpProblem extends RuntimeException {
  private final int status;

  private HttpProblem(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static final class NotFound extends HttpProblem {
    public NotFound(String detail) {
      super(404, detail);
    }
  }

  public static final class Gone extends HttpProblem {
    public Gone(String detail) {
      super(410, detail);
    }
  }

  public static final class BadRequest extends HttpProblem {
    public BadRequest(String detail) {
      super(400, detail);
    }
  }

  public static final class Unauthorized extends HttpProblem {
    public Unauthorized(String detail) {
      super(401, detail);
    }
  }

  public static final class UnsupportedMediaType extends HttpProblem {
    public UnsupportedMediaType(String detail) {
      super(415, detail);
    }
  }

  public static final class Forbidden extends HttpProblem {
    public Forbidden(String detail) {
      super(403, detail);
    }
  }
}
