package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code src/launcher/ModernClassFiles.java}, which {@code bin/alto} runs with the JDK's source launcher (Maven does
 * not compile it): the picocli copy it writes is in the Java 8 format and every class in it passes verification.
 */
class ModernClassFilesTest {
    @TempDir
    Path dir;

    @Test
    void picocliCopyIsJava8FormatAndVerifies() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "the ClassFile API is final from JDK 24");
        Path source = Path.of("src/launcher/ModernClassFiles.java");
        assumeTrue(Files.isRegularFile(source), "run from alto-cli/");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(javac.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();

        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("modern");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader tool = new URLClassLoader(new URL[] {classes.toUri().toURL()})) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            tool.loadClass("ModernClassFiles").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {out.toString(), picocli.toString()});
        } finally {
            System.setOut(stdout);
        }
        Path copy = out.resolve(picocli.getFileName());
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).isEqualTo(picocli.getFileName().toString());

        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(copy.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    assertThat(majorVersion(jar, entry)).as(entry.getName()).isEqualTo(52);
                    names.add(entry.getName().replace('/', '.').replace(".class", ""));
                }
            }
        }
        assertThat(names).contains("picocli.CommandLine");
        // Initializing a class links it, and linking verifies it: a broken stack map fails here with a VerifyError.
        try (URLClassLoader copied = new URLClassLoader(new URL[] {copy.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                Class.forName(name, true, copied);
            }
        }
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
