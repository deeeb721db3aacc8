import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Copies the jars whose class files predate Java 6 (class-file version below 50) with those classes rewritten in the
 * Java 8 format: the same bytecode, plus the stack maps that verification has needed since. Run by {@code bin/alto}
 * with the JDK's source launcher (it needs the ClassFile API of JDK 24+) when it makes the start-up cache: the JVM
 * cannot put pre-Java-6 classes in an AOT cache, so without the copy every command reads picocli's classes from its
 * jar and verifies them with the old inferencing verifier, a good part of a short command's start-up.
 *
 * <p>Usage: {@code java ModernClassFiles.java OUT_DIR JAR...}. Writes {@code OUT_DIR/<jar name>} for each jar that
 * had such classes and prints its name; jars without them are left alone. A class that cannot be rewritten (say,
 * it uses the jsr instruction, which Java 7+ class files may not) is kept as it was: it is then only not cached.
 */
public final class ModernClassFiles {
    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java ModernClassFiles.java OUT_DIR JAR...");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            if (hasOldClasses(jar)) {
                Path copy = out.resolve(jar.getFileName());
                Path tmp = Files.createTempFile(out, ".writing-", ".tmp");
                try {
                    int kept = rewrite(jar, tmp);
                    readableByAll(tmp);
                    // Renamed into place whole, so a concurrent bin/alto never reads a half-written jar.
                    Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    System.out.println(copy.getFileName() + (kept > 0 ? " (" + kept + " classes kept as they were)" : ""));
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /** As any other build output (a temporary file starts private to its owner); where POSIX permissions exist. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions are all there is.
        }
    }

    private static boolean hasOldClasses(Path jar) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(in.entries())) {
                if (isClass(entry) && majorVersion(in, entry) < JAVA_6) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes the copy; returns how many old classes could not be rewritten. */
    private static int rewrite(Path jar, Path target) throws IOException {
        int kept = 0;
        try (JarFile in = new JarFile(jar.toFile());
             URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             OutputStream file = Files.newOutputStream(target);
             JarOutputStream copy = new JarOutputStream(file)) {
            // Stack maps name the common supertype where branches meet: the JDK's classes and the jar's own are known.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            List<JarEntry> entries = Collections.list(in.entries());
            for (JarEntry entry : entries) {
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (isClass(entry) && majorVersion(bytes) < JAVA_6) {
                    try {
                        bytes = classFile.transformClass(classFile.parse(bytes),
                                // Every method body is written anew, which is what makes the stack maps.
                                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                                        .andThen((builder, element) -> {
                                            if (element instanceof ClassFileVersion) {
                                                builder.withVersion(JAVA_8, 0);
                                            } else {
                                                builder.with(element);
                                            }
                                        }));
                    } catch (RuntimeException e) {
                        kept++;
                    }
                }
                ZipEntry written = new ZipEntry(entry.getName());
                written.setTime(entry.getTime());
                copy.putNextEntry(written);
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return kept;
    }

    private static boolean isClass(JarEntry entry) {
        // Classes under META-INF/versions are for newer JDKs (module-info, mostly) and already new.
        return entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/");
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort();
        }
    }

    private static int majorVersion(byte[] classBytes) {
        return ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }
}
