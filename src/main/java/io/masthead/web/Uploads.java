package io.masthead.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.masthead.command.Refusal;
import io.masthead.media.MediaDesk;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading picture uploads (multipart/form-data) for the newsroom's form and the Admin API alike:
 * a request that says it is too big is refused before a byte of it is read, and one that turns
 * out too big while it is read is refused with the same 413 and nothing kept.
 */
public final class Uploads {
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);

  private Uploads() {}

  /** The most files one request carries (the newsroom's form takes several at once). */
  public static final int MAX_FILES = 4;

  /** The largest file one request carries, in megabytes (the largest picture). */
  public static final long MAX_FILE_MEGABYTES = MediaDesk.MAX_UPLOAD_BYTES >> 20;

  /** The largest request: {@link #MAX_FILES} of the largest pictures, and the form's fields. */
  public static final long MAX_REQUEST_BYTES = MAX_FILES * MediaDesk.MAX_UPLOAD_BYTES + 64 * 1024;

  /** The files of {@code field}; refuses a request past the limits with a 413. */
  public static List<UploadedFile> files(Context ctx, String field) {
    checkLength(ctx);
    var type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new Refusal.Unsupported(
          "Send the picture as multipart/form-data, the file in the field \"" + field + "\".");
    }
    List<UploadedFile> files;
    try {
      files = ctx.uploadedFiles(field);
    } catch (Exception e) { // Jetty's ServletException comes through Kotlin unchecked
      throw refusal(ctx, e);
    }
    if (files.size() > MAX_FILES)
      throw Refusal.Invalid.of(field, "Upload at most " + MAX_FILES + " files at once.");
    return files.stream().filter(f -> f.size() > 0 || !f.filename().isBlank()).toList();
  }

  /** A form field of a multipart request (read with the files, so it obeys the same limits). */
  public static String field(Context ctx, String name) {
    checkLength(ctx);
    try {
      return ctx.formParam(name);
    } catch (Exception e) { // as above
      throw refusal(ctx, e);
    }
  }

  /** How much of a refused body is read and dropped before the answer (see {@link #dropRest}). */
  static final long DROP_AT_MOST_BYTES = 64L * 1024 * 1024;

  /**
   * Reads and drops what is left of a body refused while it was read, up to {@link
   * #DROP_AT_MOST_BYTES}. A client still sending when the answer comes and the connection closes
   * gets a reset, and its system may throw the 413 away unread: nginx's lingering close, in the
   * one place that needs it. A body past the bound still gets the reset.
   */
  public static void dropRest(Context ctx) {
    try {
      var in = ctx.req().getInputStream();
      var drop = new byte[64 * 1024];
      long dropped = 0;
      for (int n; dropped < DROP_AT_MOST_BYTES && (n = in.read(drop)) > 0; ) dropped += n;
      log.debug("dropped {} bytes of a refused upload", dropped);
    } catch (IOException | RuntimeException e) {
      log.debug("the rest of a refused upload could not be read: {}", e.toString());
    }
  }

  private static void checkLength(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_REQUEST_BYTES) throw tooLarge();
  }

  private static Refusal refusal(Context ctx, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      var message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("size") || message.contains("too large") || message.contains("413")) {
        dropRest(ctx);
        return tooLarge();
      }
    }
    return Refusal.Invalid.of("file", "The upload could not be read; send it again.");
  }

  private static Refusal tooLarge() {
    return new Refusal.TooLarge("A picture may be up to " + (MediaDesk.MAX_UPLOAD_BYTES >> 20)
        + " MB, and one upload up to " + MAX_FILES + " pictures.");
  }
}
