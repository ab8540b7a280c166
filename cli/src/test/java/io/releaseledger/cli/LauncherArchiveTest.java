package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class archives ({@code ./release-ledger}), on a copy of it beside a jar of one small class: an archive
 * of each JVM's own, and none made from a run that only prints help.
 */
class LauncherArchiveTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String JAR = "release-ledger-cli-9.9.9.jar";
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path checkout;

    private Path target;

    @BeforeEach
    void copyLauncherBesideAJar() throws IOException {
        Files.copy(ROOT.resolve("release-ledger"), checkout.resolve("release-ledger"));
        target = Files.createDirectories(checkout.resolve("cli/target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(target.resolve(JAR));
                JarOutputStream jar = new JarOutputStream(out, manifest);
                InputStream probe = Probe.class.getResourceAsStream("/" + entry)) {
            jar.putNextEntry(new JarEntry(entry));
            probe.transferTo(jar);
            jar.closeEntry();
        }
    }

    @Test
    void shouldMakeNoArchiveFromARunThatOnlyPrintsHelp() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of("--help"), List.of("-h"), List.of("help"), List.of(),
                List.of("version", "--help"), List.of("-C", "work", "tag", "-h"))) {
            assertThat(launch(JAVA.getParent().getParent(), args)).as("%s", args).isEqualTo("probe " + args);
        }

        assertThat(archives()).isEmpty();
    }

    @Test
    void shouldKeepAnArchiveForEachJvm() throws Exception {
        Path first = javaHome("first", "17.0.15+6-first");
        Path second = javaHome("second", "17.0.15+6-second");

        launch(first, List.of("version"));
        List<String> ofFirst = archives();
        launch(second, List.of("version"));
        List<String> ofBoth = archives();
        launch(first, List.of("version"));

        assertThat(ofFirst).singleElement().asString().matches("release-ledger-cli-9\\.9\\.9-version-[0-9a-f]{8}\\.jsa");
        assertThat(ofBoth).hasSize(2).contains(ofFirst.get(0))
                .allSatisfy(name -> assertThat(name).matches("release-ledger-cli-9\\.9\\.9-version-[0-9a-f]{8}\\.jsa"));
        assertThat(archives()).as("the first JVM's archive is used again, not made again").isEqualTo(ofBoth);
    }

    /** The same JVM through a symbolic link (as /usr/bin/java through /etc/alternatives) shares its archive. */
    @Test
    void shouldGiveTheSameJvmOneArchiveWhateverThePathToIt() throws Exception {
        Path linked = Files.createDirectories(checkout.resolve("linked/bin"));
        Files.createSymbolicLink(linked.resolve("java"), JAVA.toRealPath());

        try {
            launch(JAVA.getParent().getParent(), List.of("status"));
            launch(linked.getParent(), List.of("status"));
        } finally {
            Files.delete(linked.resolve("java")); // the link, not the JDK's java
        }

        assertThat(archives()).singleElement().asString().matches("release-ledger-cli-9\\.9\\.9-[0-9a-f]{8}\\.jsa");
    }

    /** A JAVA_HOME of its own whose java runs this JVM, with a release file that names {@code runtimeVersion}. */
    private Path javaHome(final String name, final String runtimeVersion) throws IOException {
        Path home = Files.createDirectories(checkout.resolve(name + "/bin")).getParent();
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexec '" + JAVA + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(home.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion
                + "\"\nJAVA_VERSION=\"17.0.15\"\n", StandardCharsets.UTF_8);
        return home;
    }

    private String launch(final Path javaHome, final List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("release-ledger").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("JAVA_HOME", javaHome.toString()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    private List<String> archives() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.endsWith(".jar")).sorted()
                    .toList();
        }
    }

    /** The jar's only class: says what it was given. */
    static final class Probe {
        private Probe() {
        }

        public static void main(final String[] args) {
            System.out.println("probe " + List.of(args));
        }
    }
}
