package io.releaseledger.descriptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Hostile or broken descriptors end in a DescriptorException that says what is wrong, never in a JVM error. */
class DescriptorBoundsTest {
    private static final String MINIMAL = """
            schemaVersion: 1
            application: hello
            image: localhost:5000/hello
            environments:
              - name: dev
                hosts: [unix:///var/run/docker.sock]
            """;

    @Test
    void shouldRefuseAFileOverTheSizeLimitBeforeReadingIt(@TempDir final Path directory) throws IOException {
        Path file = directory.resolve("release-ledger.yaml");
        Files.writeString(file, MINIMAL + "# " + "x".repeat(4 * 1024 * 1024) + "\n", StandardCharsets.UTF_8);

        DescriptorException error = refused(() -> DescriptorLoader.load(directory));

        assertThat(error).hasMessageStartingWith(file + " has 1 problem:")
                .hasMessageContaining("the descriptor is larger than 1 MiB (1048576 bytes)");
    }

    @Test
    void shouldReadNoMoreThanTheLimitFromADevice() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");

        assertThat(refused(() -> DescriptorLoader.load(endless)))
                .hasMessageContaining("the descriptor is larger than 1 MiB (1048576 bytes)");
    }

    @Test
    void shouldStillRefuseAFileThatIsNotUtf8(@TempDir final Path directory) throws IOException {
        Path file = directory.resolve("release-ledger.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});

        assertThat(refused(() -> DescriptorLoader.load(file))).hasMessageContaining("the file is not UTF-8 text");
    }

    @Test
    void shouldRefuseTextOverTheSizeLimit() {
        String text = MINIMAL + "# " + "x".repeat(4 * 1024 * 1024) + "\n";

        assertThat(refused(() -> DescriptorLoader.parse(text, "step parameter text")))
                .hasMessageStartingWith("step parameter text has 1 problem:")
                .hasMessageContaining("larger than 1 MiB (1048576 bytes)");
    }

    @Test
    void shouldCountTheLimitInUtf8Bytes() {
        // 400,000 three-byte characters: 1.2 MB in UTF-8, although fewer than 1 Mi chars.
        String text = MINIMAL + "# " + "\u20ac".repeat(400_000) + "\n";

        assertThat(refused(() -> DescriptorLoader.parse(text))).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void shouldReadALongCommentJustUnderTheLimit() {
        // A long token once made the reader copy its window again for every 1,024 characters (quadratic).
        String text = MINIMAL + "# " + "x".repeat(DescriptorLoader.MAX_BYTES - MINIMAL.length() - 3) + "\n";

        assertThat(DescriptorLoader.parse(text).getApplication()).isEqualTo("hello");
    }

    @Test
    void shouldRefuseDeepFlowNestingWithItsLine() {
        String text = MINIMAL + "labels: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        DescriptorException error = refused(() -> DescriptorLoader.parse(text));

        assertThat(error.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.getMessage()).contains("nested deeper than 100 levels");
            assertThat(problem.getLine()).isEqualTo(7);
        });
    }

    @Test
    void shouldRefuseDeepBlockNestingWithItsLine() {
        StringBuilder text = new StringBuilder(MINIMAL).append("extra:\n");
        for (int level = 1; level <= 150; level++) {
            text.append("  ".repeat(level)).append("k:\n");
        }

        DescriptorException error = refused(() -> DescriptorLoader.parse(text.toString()));

        assertThat(error.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.getMessage()).contains("nested deeper than 100 levels");
            assertThat(problem.getLine()).isEqualTo(7 + 100);
        });
    }

    @Test
    void shouldRefuseDeepNestingBuiltFromAliases() {
        // Each anchored value is 90 levels deep and holds the previous one: 40 aliases make 3,600 levels.
        StringBuilder text = new StringBuilder(MINIMAL).append("extra:\n");
        for (int i = 0; i < 40; i++) {
            text.append("  - &a").append(i).append(' ').append("[".repeat(90));
            text.append(i == 0 ? "x" : "*a" + (i - 1)).append("]".repeat(90)).append('\n');
        }

        DescriptorException error = refused(() -> DescriptorLoader.parse(text.toString()));

        assertThat(error.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.getMessage()).contains("nested deeper than 100 levels");
            assertThat(problem.getLine()).isEqualTo(8); // where the repeated node is written
        });
    }

    @Test
    void shouldRefuseMergeKeysNamingTheLine() {
        String text = """
                schemaVersion: 1
                application: hello
                image: localhost:5000/hello
                defaults: &defaults
                  hosts: [unix:///var/run/docker.sock]
                environments:
                  - name: dev
                    <<: *defaults
                """;

        DescriptorException error = refused(() -> DescriptorLoader.parse(text));

        assertThat(error.getProblems()).anySatisfy(problem -> {
            assertThat(problem.getMessage()).contains("merge keys ('<<') are not supported");
            assertThat(problem.getLine()).isEqualTo(8);
        });
    }

    private static DescriptorException refused(final Runnable load) {
        DescriptorException error = catchThrowableOfType(DescriptorException.class, load::run);
        assertThat(error).as("a DescriptorException").isNotNull();
        return error;
    }
}
