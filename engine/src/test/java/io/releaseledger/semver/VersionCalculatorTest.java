package io.releaseledger.semver;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.commits.Bump;
import io.releaseledger.version.SemanticVersion;
import io.releaseledger.version.TagPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionCalculatorTest {
    private final VersionCalculator calculator = new VersionCalculator(SemanticVersion.parse("0.1.0"), Bump.MINOR,
            TagPrefix.DEFAULT);

    private static VersionTag tag(final String version) {
        return new VersionTag("v" + version, SemanticVersion.parse(version), "c-" + version);
    }

    private static CountedCommit commit(final String type, final Bump bump) {
        return new CountedCommit("0123456789abcdef", type + ": something", type, bump);
    }

    private static List<SemanticVersion> versions(final String... versions) {
        return java.util.Arrays.stream(versions).map(SemanticVersion::parse).toList();
    }

    @Test
    void shouldStartAtTheInitialVersionWithoutTag() {
        Plan plan = calculator.next(null, null, List.of(commit("feat", Bump.MINOR)), null, List.of());

        assertThat(plan.getVersion()).isEqualTo("0.1.0");
        assertThat(plan.getTag()).isEqualTo("v0.1.0");
        assertThat(plan.isNewVersion()).isTrue();
        assertThat(plan.getReason()).contains("initial version");
    }

    @Test
    void shouldApplyTheStrongestBump() {
        VersionTag base = tag("1.2.3");

        assertThat(calculator.next(base, base, List.of(commit("chore", Bump.PATCH)), null, List.of()).getVersion())
                .isEqualTo("1.2.4");
        assertThat(calculator.next(base, base, List.of(commit("fix", Bump.PATCH), commit("feat", Bump.MINOR)), null,
                List.of()).getVersion()).isEqualTo("1.3.0");
        Plan major = calculator.next(base, base, List.of(commit("feat", Bump.MAJOR), commit("fix", Bump.PATCH)), null,
                List.of());
        assertThat(major.getVersion()).isEqualTo("2.0.0");
        assertThat(major.getBump()).isEqualTo(Bump.MAJOR);
        assertThat(major.getReason()).startsWith("major bump from 1.2.3 because of a breaking change");
    }

    @Test
    void shouldBumpMinorForBreakingChangesBelowOneUnlessConfigured() {
        VersionTag base = tag("0.4.2");
        List<CountedCommit> breaking = List.of(commit("feat", Bump.MAJOR));

        Plan minor = calculator.next(base, base, breaking, null, List.of());
        assertThat(minor.getVersion()).isEqualTo("0.5.0");
        assertThat(minor.getReason()).contains("breakingBelowOne");
        assertThat(new VersionCalculator(SemanticVersion.parse("0.1.0"), Bump.MAJOR, TagPrefix.DEFAULT)
                .next(base, base, breaking, null, List.of()).getVersion()).isEqualTo("1.0.0");
    }

    @Test
    void shouldKeepTheVersionWhenNothingCallsForARelease() {
        VersionTag base = tag("1.2.3");

        Plan plan = calculator.next(base, base, List.of(commit("chore", Bump.NONE)), null, List.of());

        assertThat(plan.isNewVersion()).isFalse();
        assertThat(plan.getVersion()).isEqualTo("1.2.3");
        assertThat(plan.getTag()).isEqualTo("v1.2.3");
        assertThat(plan.getReason()).contains("stays 1.2.3");
    }

    @Test
    void shouldFinalizeAPreReleaseOnAReleaseBranch() {
        Plan plan = calculator.next(tag("1.3.0-rc.2"), tag("1.2.0"), List.of(), null, List.of());

        assertThat(plan.getVersion()).isEqualTo("1.3.0");
        assertThat(plan.isNewVersion()).isTrue();
        assertThat(calculator.next(tag("1.3.0-rc.2"), null, List.of(), null, List.of()).getVersion())
                .isEqualTo("1.3.0");
    }

    @Test
    void shouldLetTheHigherOfPreReleaseCoreAndBumpedFinalWin() {
        assertThat(calculator.next(tag("1.3.0-rc.1"), tag("1.2.0"), List.of(commit("fix", Bump.PATCH)), null,
                List.of()).getVersion()).isEqualTo("1.3.0");
        assertThat(calculator.next(tag("1.3.0-rc.1"), tag("1.2.0"), List.of(commit("feat", Bump.MAJOR)), null,
                List.of()).getVersion()).isEqualTo("2.0.0");
    }

    @Test
    void shouldNumberPreReleasesOnePastTheHighestExisting() {
        VersionTag base = tag("1.2.0");
        List<CountedCommit> feat = List.of(commit("feat", Bump.MINOR));

        assertThat(calculator.next(base, base, feat, "feature-x", versions("1.2.0")).getVersion())
                .isEqualTo("1.3.0-feature-x.1");
        assertThat(calculator.next(base, base, feat, "feature-x",
                versions("1.3.0-feature-x.1", "1.3.0-feature-x.9", "1.3.0-feature-x.10", "1.3.0-other.40",
                        "1.4.0-feature-x.77", "1.3.0-feature-x.3.1")).getVersion())
                .isEqualTo("1.3.0-feature-x.11");
    }

    @Test
    void shouldContinueTheCoreOfAPreReleaseOnItsBranch() {
        Plan plan = calculator.next(tag("1.3.0-feature-x.1"), tag("1.2.0"), List.of(commit("fix", Bump.PATCH)),
                "feature-x", versions("1.2.0", "1.3.0-feature-x.1"));

        assertThat(plan.getVersion()).isEqualTo("1.3.0-feature-x.2");
    }

    @Test
    void shouldNotMakeAPreReleaseWhenNothingCallsForOne() {
        Plan plan = calculator.next(tag("1.3.0-feature-x.1"), tag("1.2.0"), List.of(commit("docs", Bump.NONE)),
                "feature-x", versions("1.3.0-feature-x.1"));

        assertThat(plan.isNewVersion()).isFalse();
        assertThat(plan.getVersion()).isEqualTo("1.3.0-feature-x.1");
    }

    @Test
    void shouldStartPreReleasesAtTheInitialVersion() {
        assertThat(calculator.next(null, null, List.of(), "dev", List.of()).getVersion()).isEqualTo("0.1.0-dev.1");
    }
}
