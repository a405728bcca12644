package io.masthead.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a command wrote nothing, in words for the person who asked. The web layer maps each
 * {@link Kind} to one status in one place; nothing else is caught and turned into a 4xx, so a
 * programming error stays a 500 with a reference in the log.
 */
public abstract class Refusal extends RuntimeException {
  /** What went wrong, as the web layer needs to know it. */
  public enum Kind {
    /** The input has problems, field by field (422). */
    INVALID,
    /** What the command names does not exist (404). */
    NOT_FOUND,
    /** The actor may not do this (403). */
    FORBIDDEN,
    /** The thing is not in a state that allows this, or changed under the actor (409). */
    CONFLICT,
    /** The database is too busy to take the write now; try again shortly (503). */
    BUSY,
    /** What was sent is bigger than allowed (413). */
    TOO_LARGE,
    /** What was sent is not of a kind this accepts, such as a file that is no picture (415). */
    UNSUPPORTED
  }

  protected Refusal(String message) {
    super(message, null, false, false);
  }

  public abstract Kind kind();

  /** One field's problem, with a message for the person who filled it in. */
  public record FieldProblem(String field, String message) {}

  /** The input has problems: nothing was written. */
  public static final class Invalid extends Refusal {
    private final List<FieldProblem> problems;

    public Invalid(List<FieldProblem> problems) {
      super(problems.isEmpty() ? "invalid" : problems.getFirst().message());
      if (problems.isEmpty())
        throw new IllegalArgumentException("an Invalid names at least one problem");
      this.problems = List.copyOf(problems);
    }

    public static Invalid of(String field, String message) {
      return new Invalid(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
      return problems;
    }

    /** The first message per field, in the order the fields were checked. */
    public Map<String, String> byField() {
      var map = new LinkedHashMap<String, String>();
      for (var p : problems) map.putIfAbsent(p.field(), p.message());
      return map;
    }

    @Override
    public Kind kind() {
      return Kind.INVALID;
    }
  }

  /** A request that cannot be carried out as asked, in one message for the person (422). */
  public static class Rejected extends Refusal {
    public Rejected(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.INVALID;
    }
  }

  public static final class NotFound extends Refusal {
    public NotFound(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.NOT_FOUND;
    }
  }

  public static final class Forbidden extends Refusal {
    public Forbidden(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.FORBIDDEN;
    }
  }

  /** A step the thing's state does not allow ("publish" on a removed article...). */
  public static class NotAllowed extends Refusal {
    public NotAllowed(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.CONFLICT;
    }
  }

  /** The database was too busy to take the write in time; nothing was written. */
  public static final class Busy extends Refusal {
    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public Busy(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.BUSY;
    }
  }

  /** An upload or body bigger than allowed; nothing was kept. */
  public static final class TooLarge extends Refusal {
    public TooLarge(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.TOO_LARGE;
    }
  }

  /** A file that is not of a kind accepted (checked by reading it, not by its name); nothing was kept. */
  public static final class Unsupported extends Refusal {
    public Unsupported(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.UNSUPPORTED;
    }
  }
}
