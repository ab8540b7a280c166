package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No stand-in declaration says both "never null" and "may be null" about its result: the real one says one of them,
 * and a stray annotation (an edit that slipped a line) would tell the plugin's null checks the wrong thing. The
 * annotations have class retention, so the sources are read.
 */
class StandInNullnessTest {
    private static final Path PLUGIN = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin"));
    /** What comes before a member's parameter list: its annotations, modifiers, type parameters, type and name. */
    private static final Pattern MEMBER_HEAD = Pattern.compile("(?<=[;{}])([^;{}()]*?)\\(");

    @Test
    void shouldNotSayNonNullAndNullableOfOneResult() throws IOException {
        List<String> both = new ArrayList<>();
        for (String module : List.of("jenkins-stand-in", "jenkins-test-stand-in")) {
            Path sources = PLUGIN.resolveSibling(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                    both.addAll(contradictions(sources.relativize(file).toString(), Files.readString(file)));
                }
            }
        }

        assertThat(both).isEmpty();
    }

    @Test
    void shouldFindAResultSaidToBeBoth() {
        assertThat(contradictions("Jenkins.java", "class Jenkins {\n    @NonNull\n    public @CheckForNull <T> T"
                + " getItemByFullName(@NonNull String fullName) {\n    }\n    public @CheckForNull String"
                + " getRootUrl(@NonNull String a) {\n    }\n}")).singleElement().asString().contains("getItemByFullName");
    }

    private static List<String> contradictions(final String file, final String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        List<String> found = new ArrayList<>();
        Matcher head = MEMBER_HEAD.matcher(code);
        while (head.find()) {
            String text = head.group(1);
            boolean nonNull = text.contains("@NonNull");
            boolean nullable = text.contains("@CheckForNull") || text.contains("@Nullable");
            if (nonNull && nullable) {
                found.add(file + ": " + text.strip().replaceAll("\\s+", " "));
            }
        }
        return found;
    }
}
