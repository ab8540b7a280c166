package io.releaseledger.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {
    // The regular expression published with the specification (semver.org), used here as an oracle.
    private static final Pattern OFFICIAL = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    @ParameterizedTest
    @ValueSource(strings = {"0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.0.0-alpha",
            "1.0.0-alpha.beta.1", "1.0.0-alpha0.valid", "1.0.0-rc.1+build.1", "2.0.0-rc.1+build.123",
            "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "2.0.0+build.1848", "2.0.1-alpha.1227",
            "1.0.0-0A.is.legal", "1.0.0+0.build.1-rc.10000aaa-kk-0.1", "1.0.0-x-y-z.--",
            "99999999999999999999999.999999999999999999.99999999999999999"})
    void shouldReadAndWriteBackValidVersions(final String text) {
        assertThat(SemanticVersion.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2|exactly three numbers",
            "v1.2.3|leading 'v' belongs to the tag prefix",
            "01.1.1|MAJOR must not contain leading zeros",
            "1.01.1|MINOR must not contain leading zeros",
            "1.2.3-0123|'0123' must not include leading zeros",
            "1.2.3-|pre-release must not be empty",
            "1.2.3-alpha..1|identifiers must not be empty",
            "1.2.3+|build metadata must not be empty",
            "1.2.3-alpha_beta|[0-9A-Za-z-]",
            "1.2.3+build+1|[0-9A-Za-z-]",
            "1.2.-3|PATCH must be a non-negative integer",
            "a.b.c|MAJOR must be a non-negative integer",
            "1.2.3.4|exactly three numbers"})
    void shouldNameTheRuleAnInvalidVersionBreaks(final String text, final String rule) {
        assertThatThrownBy(() -> SemanticVersion.parse(text))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("'" + text + "' is not a semantic version: ")
                .hasMessageContaining(rule);
    }

    @Test
    void shouldOrderByPrecedenceAsTheSpecificationExample() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        List<SemanticVersion> shuffled = new ArrayList<>(ordered.stream().map(SemanticVersion::parse).toList());
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);

        assertThat(shuffled).map(SemanticVersion::toString).containsExactlyElementsOf(ordered);
    }

    @Test
    void shouldCompareNumbersOfAnyLengthNumerically() {
        assertThat(SemanticVersion.parse("1.0.0-rc.100000000000000000000"))
                .isGreaterThan(SemanticVersion.parse("1.0.0-rc.99999999999999999999"));
        assertThat(SemanticVersion.parse("18446744073709551616.0.0").getMajor())
                .isEqualTo(new BigInteger("18446744073709551616"));
        assertThat(SemanticVersion.parse("1.0.0-2")).isLessThan(SemanticVersion.parse("1.0.0-10"));
        assertThat(SemanticVersion.parse("1.0.0-10")).isLessThan(SemanticVersion.parse("1.0.0-1a"));
    }

    @Test
    void shouldIgnoreBuildMetadataForPrecedenceButNotForEquality() {
        SemanticVersion one = SemanticVersion.parse("1.0.0+a");
        SemanticVersion other = SemanticVersion.parse("1.0.0+b");

        assertThat(one.compareTo(other)).isZero();
        assertThat(one).isNotEqualTo(other);
        assertThat(one.getCore()).isEqualTo(SemanticVersion.of(1, 0, 0));
    }

    @Test
    void shouldBumpFromTheCore() {
        SemanticVersion version = SemanticVersion.parse("1.4.2-rc.1+b7");

        assertThat(version.nextPatch()).hasToString("1.4.3");
        assertThat(version.nextMinor()).hasToString("1.5.0");
        assertThat(version.nextMajor()).hasToString("2.0.0");
        assertThat(version.withPreRelease("main", "3")).hasToString("1.4.2-main.3");
        assertThat(version.isPreRelease()).isTrue();
        assertThat(version.getCore().isPreRelease()).isFalse();
        assertThat(SemanticVersion.parse("0.9.0").isMajorZero()).isTrue();
    }

    @Test
    void shouldRefuseInvalidPreReleaseIdentifiers() {
        assertThatThrownBy(() -> SemanticVersion.of(1, 0, 0).withPreRelease("feature_x", "1"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("[0-9A-Za-z-]");
        assertThatThrownBy(() -> SemanticVersion.of(-1, 0, 0)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void shouldAcceptExactlyWhatTheOfficialExpressionAccepts() {
        Random random = new Random(42);
        String[] numbers = {"0", "1", "12", "01", "00", "a", "", "-1"};
        String[] identifiers = {"0", "01", "1a", "alpha", "", "-", "a_b", "007", "x-y", "9"};
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder(pick(random, numbers));
            int parts = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 3;
            for (int j = 1; j < parts; j++) {
                text.append('.').append(pick(random, numbers));
            }
            appendIdentifiers(random, text, '-', identifiers);
            appendIdentifiers(random, text, '+', identifiers);
            String candidate = text.toString();
            boolean expected = OFFICIAL.matcher(candidate).matches();

            assertThat(SemanticVersion.tryParse(candidate).map(SemanticVersion::toString))
                    .as(candidate).isEqualTo(expected ? java.util.Optional.of(candidate) : java.util.Optional.empty());
            valid += expected ? 1 : 0;
            invalid += expected ? 0 : 1;
        }
        assertThat(valid).as("valid versions generated").isGreaterThan(1_000);
        assertThat(invalid).as("invalid versions generated").isGreaterThan(1_000);
    }

    private static void appendIdentifiers(final Random random, final StringBuilder text, final char separator,
            final String... identifiers) {
        if (random.nextBoolean()) {
            text.append(separator).append(pick(random, identifiers));
            for (int j = random.nextInt(3); j > 0; j--) {
                text.append('.').append(pick(random, identifiers));
            }
        }
    }

    private static String pick(final Random random, final String... options) {
        return options[random.nextInt(options.length)];
    }
}
