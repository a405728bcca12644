package io.masthead.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The demo outlet's pictures: drawn landscapes (a sky, a sun or moon, hills, water, a skyline),
 * fictional and deterministic, each with alt text that says what it shows, in the edition's
 * language. Drawn, not photographed: nothing real is shown, and no file ships with the program.
 */
final class DemoPictures {
  private DemoPictures() {}

  static final int WIDTH = 1600;
  static final int HEIGHT = 1000;

  /** A drawn picture and the words that go with it. */
  record Drawn(byte[] jpeg, String fileName, String alt, String caption, String credit) {}

  private static final Color[][] SKIES = {
    {new Color(0x1e3a8a), new Color(0xf59e0b)}, // dusk
    {new Color(0x0ea5e9), new Color(0xe0f2fe)}, // noon
    {new Color(0x312e81), new Color(0xdb2777)}, // sunset
    {new Color(0x0f172a), new Color(0x334155)}, // night
    {new Color(0x64748b), new Color(0xcbd5e1)}, // overcast
  };
  private static final String[] SKY_EN = {
    "at dusk", "at noon", "at sunset", "at night", "under cloud"
  };
  private static final String[] SKY_AR = {
    "عند الغسق", "عند الظهيرة", "عند الغروب", "في الليل", "تحت الغيوم"
  };
  private static final Color[] LANDS = {
    new Color(0x166534), new Color(0x854d0e), new Color(0x3f6212), new Color(0x57534e)
  };
  private static final String[] LAND_EN = {
    "green hills", "desert dunes", "farmland", "grey mountains"
  };
  private static final String[] LAND_AR = {"تلال خضراء", "كثبان رملية", "أراض زراعية", "جبال رمادية"
  };

  static Drawn draw(int number, boolean arabic) {
    var random = new SplittableRandom(0x70696374L ^ (number * 0x9E3779B97F4A7C15L));
    int sky = random.nextInt(SKIES.length);
    int land = random.nextInt(LANDS.length);
    boolean water = random.nextBoolean();
    boolean city = random.nextInt(3) == 0;
    var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, SKIES[sky][0], 0, HEIGHT * 0.65f, SKIES[sky][1]));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      // The sun or the moon, somewhere in the upper sky: the focal point an editor would pick.
      int sunX = 200 + random.nextInt(WIDTH - 400);
      int sunY = 120 + random.nextInt(220);
      g.setColor(sky == 3 ? new Color(0xf1f5f9) : new Color(0xfde047));
      g.fillOval(sunX - 70, sunY - 70, 140, 140);
      for (int layer = 0; layer < 3; layer++) {
        var hills = new Path2D.Double();
        double base = HEIGHT * (0.55 + layer * 0.1);
        hills.moveTo(0, HEIGHT);
        hills.lineTo(0, base);
        for (int x = 0; x <= WIDTH; x += 80)
          hills.lineTo(x, base - 40 - random.nextInt(120) + layer * 30);
        hills.lineTo(WIDTH, HEIGHT);
        hills.closePath();
        g.setColor(shade(LANDS[land], 1.0 - layer * 0.22));
        g.fill(hills);
      }
      if (city) {
        g.setColor(new Color(0x1f2937));
        for (int x = 0; x < WIDTH; x += 50 + random.nextInt(40)) {
          int h = 80 + random.nextInt(260);
          g.fillRect(x, (int) (HEIGHT * 0.72) - h, 40 + random.nextInt(30), h);
        }
      }
      if (water) {
        g.setPaint(new GradientPaint(
            0, HEIGHT * 0.8f, new Color(0x1d4ed8), 0, HEIGHT, new Color(0x1e3a8a)));
        g.fillRect(0, (int) (HEIGHT * 0.8), WIDTH, HEIGHT);
        g.setColor(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(3));
        for (int i = 0; i < 14; i++) {
          int y = (int) (HEIGHT * 0.82) + random.nextInt((int) (HEIGHT * 0.17));
          int x = random.nextInt(WIDTH);
          g.drawLine(x, y, x + 60 + random.nextInt(120), y);
        }
      }
    } finally {
      g.dispose();
    }
    var out = new ByteArrayOutputStream(256 * 1024);
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String alt;
    String caption;
    String credit;
    if (arabic) {
      alt = "رسم لـ" + LAND_AR[land] + (city ? " ومدينة" : "") + (water ? " على ضفة ماء" : "") + " "
          + SKY_AR[sky] + "، و" + (sky == 3 ? "القمر" : "الشمس") + " في السماء";
      caption = "رسم توضيحي لمنظر طبيعي خيالي.";
      credit = "مكتب الصور في ماستهيد";
    } else {
      alt = "A drawing of " + LAND_EN[land] + (city ? " with a city skyline" : "")
          + (water ? " beside water" : "") + " " + SKY_EN[sky] + ", the "
          + (sky == 3 ? "moon" : "sun") + " high in the sky";
      caption = "An illustration of an imagined landscape.";
      credit = "Masthead Photo Desk";
    }
    return new Drawn(
        out.toByteArray(),
        (arabic ? "ar-" : "en-") + "landscape-" + number + ".jpg",
        alt,
        caption,
        credit);
  }

  /** Where the picture's subject (its sun) is, as fractions: what an editor would click. */
  static double[] focus(int number) {
    var random = new SplittableRandom(0x70696374L ^ (number * 0x9E3779B97F4A7C15L));
    random.nextInt(SKIES.length);
    random.nextInt(LANDS.length);
    random.nextBoolean();
    random.nextInt(3);
    int sunX = 200 + random.nextInt(WIDTH - 400);
    int sunY = 120 + random.nextInt(220);
    // Across: the sun. Down: between the sun and the hills, so crops keep both.
    return new double[] {sunX / (double) WIDTH, (sunY + HEIGHT * 0.55) / 2 / HEIGHT};
  }

  private static Color shade(Color c, double factor) {
    return new Color(
        (int) Math.min(255, c.getRed() * factor), (int) Math.min(255, c.getGreen() * factor), (int)
            Math.min(255, c.getBlue() * factor));
  }
}
