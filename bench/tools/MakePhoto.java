import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

/**
 * A photo-like JPEG for the media benchmark: a landscape with fine noise (grain, foliage), which
 * compresses like a camera's picture, not like a flat drawing.
 *
 *   java MakePhoto.java OUT.jpg WIDTH HEIGHT SEED [QUALITY]
 *   java MakePhoto.java --resize IN.jpg OUT.jpg WIDTH QUALITY   (as WordPress makes its "large")
 */
public class MakePhoto {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("--resize")) {
      var in = ImageIO.read(new File(args[1]));
      int w = Integer.parseInt(args[3]);
      int h = (int) Math.round((double) w * in.getHeight() / in.getWidth());
      var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      var g = out.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(in, 0, 0, w, h, null);
      g.dispose();
      write(out, new File(args[2]), Float.parseFloat(args[4]));
      return;
    }
    int w = Integer.parseInt(args[1]);
    int h = Integer.parseInt(args[2]);
    var random = new Random(Long.parseLong(args[3]));
    var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x3b82f6), 0, h * 0.6f, new Color(0xfde68a)));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 400; i++) {
      g.setColor(new Color(30 + random.nextInt(80), 80 + random.nextInt(100), 20 + random.nextInt(60)));
      int x = random.nextInt(w);
      int y = (int) (h * 0.5) + random.nextInt((int) (h * 0.5));
      g.fillOval(x, y, 50 + random.nextInt(400), 50 + random.nextInt(300));
    }
    g.dispose();
    var pixels = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, pixels, 0, w);
      for (int x = 0; x < w; x++) {
        int n = random.nextInt(25) - 12;
        int p = pixels[x];
        int r = clamp(((p >> 16) & 0xff) + n), gr = clamp(((p >> 8) & 0xff) + n), b = clamp((p & 0xff) + n);
        pixels[x] = (r << 16) | (gr << 8) | b;
      }
      image.setRGB(0, y, w, 1, pixels, 0, w);
    }
    write(image, new File(args[0]), args.length > 4 ? Float.parseFloat(args[4]) : 0.92f);
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static void write(BufferedImage image, File file, float quality) throws Exception {
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    try (var out = ImageIO.createImageOutputStream(file)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    }
    writer.dispose();
  }
}
