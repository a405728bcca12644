import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the Java 5 class files of the libraries in target/lib as Java 8 class files, with the
 * stack maps Java 6 and later verify by, so that JDK 25's start-up cache can keep them.
 *
 * <p>Why: the cache (JEP 483) keeps no class file older than Java 6, so picocli (Java 5 class
 * files, 169 classes loaded by every command) was read from its jar and verified by the old
 * type-inferring verifier at every start: about 0.1 s of a server's cold start (measured on
 * 1,000,000 articles, 8 alternating starts). The code of each method is unchanged; only the
 * version and the generated stack maps differ. Run by the build on JDK 25 and later (the
 * {@code java.lang.classfile} API, final in JDK 24), after the libraries are copied:
 *
 * <pre>java src/build/UpgradeOldClassFiles.java target/lib</pre>
 *
 * <p>A jar with no old class file is left as it is (its date too: a newer jar would have the
 * launcher record the start-up cache again). A signed jar is left as it is (its signature covers
 * its bytes). A class whose stack maps cannot be made keeps its old bytes, and the jar says so:
 * it then still runs, only read from its jar as before; so does one the verifier would refuse.
 */
public final class UpgradeOldClassFiles {
  /** The oldest class file version the start-up cache keeps: Java 6. */
  private static final int OLDEST_CACHEABLE = ClassFile.JAVA_6_VERSION;

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
      System.err.println("usage: java UpgradeOldClassFiles.java LIB_FOLDER");
      System.exit(2);
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    // Stack maps name the common superclass of two types, so the hierarchies of every library
    // (a class of one may extend another's) and of the JDK must be at hand.
    var urls = new ArrayList<URL>();
    for (Path jar : jars) urls.add(jar.toUri().toURL());
    try (var libraries = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      var classFiles = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
          .orElse(ClassHierarchyResolver.ofResourceParsing(libraries))));
      for (Path jar : jars) upgrade(jar, classFiles);
    }
  }

  private static void upgrade(Path jar, ClassFile classFiles) throws IOException {
    try (var zip = new ZipFile(jar.toFile())) {
      if (zip.stream().noneMatch(e -> isOldClass(zip, e))) return;
      if (zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"))) {
        System.out.println("lib: " + jar.getFileName() + " is signed: its Java 5 classes stay out of the start-up cache");
        return;
      }
      // The new jar is made in memory (the largest here is 0.4 MB) and written only when a class
      // changed: the classes that cannot be rewritten stay old, a second build finds them again,
      // and a jar (or a temporary file in its folder) written anew at every build would have the
      // launcher record the start-up cache again.
      int rewritten = 0;
      var kept = new ArrayList<String>();
      var bytesOut = new ByteArrayOutputStream();
      try (var out = new ZipOutputStream(bytesOut)) {
        for (ZipEntry entry : zip.stream().toList()) {
          byte[] bytes;
          try (var in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
          }
          if (isOldClass(entry.getName(), bytes)) {
            try {
              bytes = toJava8(classFiles, bytes);
              rewritten++;
            } catch (IllegalArgumentException | IllegalStateException e) {
              kept.add(entry.getName() + " (" + e.getMessage() + ")");
            }
          }
          var copy = new ZipEntry(entry.getName());
          copy.setTime(entry.getTime());
          out.putNextEntry(copy);
          out.write(bytes);
          out.closeEntry();
        }
      }
      if (rewritten == 0) return;
      Path upgraded = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
      try {
        Files.write(upgraded, bytesOut.toByteArray());
        // A temporary file is readable by its owner alone: the jar keeps the permissions it had.
        if (Files.getFileStore(jar).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(upgraded, Files.getPosixFilePermissions(jar));
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(upgraded);
      }
      System.out.println("lib: " + jar.getFileName() + ": " + rewritten + " Java 5 classes rewritten as Java 8 class files"
          + (kept.isEmpty() ? "" : ", " + kept.size() + " kept as they were (the first: " + kept.getFirst() + ")"));
    }
  }

  private static byte[] toJava8(ClassFile classFiles, byte[] bytes) {
    ClassModel model = classFiles.parse(bytes);
    // Passing every method body through the builder makes it generate the stack maps.
    byte[] upgraded = classFiles.transformClass(
        model,
        ClassTransform.dropping(element -> element instanceof ClassFileVersion)
            .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
            .andThen(ClassTransform.endHandler(builder -> builder.withVersion(ClassFile.JAVA_8_VERSION, 0))));
    // The class file API's verifier is the JVM's own (the split one): what passes here loads.
    List<VerifyError> errors = classFiles.verify(upgraded);
    if (!errors.isEmpty()) throw new IllegalStateException(errors.getFirst().getMessage());
    return upgraded;
  }

  private static boolean isOldClass(ZipFile zip, ZipEntry entry) {
    if (!entry.getName().endsWith(".class")) return false;
    try (var in = zip.getInputStream(entry)) {
      return isOldClass(entry.getName(), in.readNBytes(8));
    } catch (IOException e) {
      throw new IllegalStateException(zip.getName() + ": " + entry.getName(), e);
    }
  }

  /** Whether the entry is a class file older than the cache keeps, from its first 8 bytes. */
  private static boolean isOldClass(String name, byte[] start) {
    // magic (4 bytes), minor version (2), major version (2)
    return name.endsWith(".class")
        && start.length >= 8
        && ((start[6] & 0xff) << 8 | (start[7] & 0xff)) < OLDEST_CACHEABLE;
  }

  private UpgradeOldClassFiles() {}
}
