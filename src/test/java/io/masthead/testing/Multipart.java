package io.masthead.testing;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A multipart/form-data body, as a browser's file form or an API client sends it. */
public final class Multipart {
  private final String boundary = "----masthead" + Long.toHexString(System.nanoTime());
  private final List<byte[]> parts = new ArrayList<>();

  public Multipart field(String name, String value) {
    parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
            + value + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public Multipart file(String name, String fileName, String contentType, byte[] content) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
            + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    parts.add(out.toByteArray());
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    var out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  public HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.ofByteArray(bytes());
  }
}
