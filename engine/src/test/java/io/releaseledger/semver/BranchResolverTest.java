package io.releaseledger.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.scm.Head;
import io.releaseledger.scm.ScmException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchResolverTest {
    private static final Head DETACHED = new Head("abc", null);

    @Test
    void shouldPreferTheExplicitBranchThenHeadThenTheEnvironment() {
        Map<String, String> environment = Map.of("BRANCH_NAME", "from-env", "GIT_BRANCH", "origin/git-branch");

        assertThat(BranchResolver.resolve("explicit", new Head("abc", "main"), environment, "origin"))
                .isEqualTo("explicit");
        assertThat(BranchResolver.resolve(null, new Head("abc", "main"), environment, "origin")).isEqualTo("main");
        assertThat(BranchResolver.resolve(null, DETACHED, environment, "origin")).isEqualTo("from-env");
        assertThat(BranchResolver.resolve(null, DETACHED, Map.of("GIT_BRANCH", "origin/feature/a"), "origin"))
                .isEqualTo("feature/a");
        assertThat(BranchResolver.resolve(null, DETACHED, Map.of("GIT_BRANCH", "upstream/dev"), "upstream"))
                .isEqualTo("dev");
        assertThat(BranchResolver.resolve("refs/heads/main", DETACHED, Map.of(), "origin")).isEqualTo("main");
    }

    @Test
    void shouldFailClearlyForADetachedHeadWithoutBranch() {
        assertThatThrownBy(() -> BranchResolver.resolve(null, DETACHED, Map.of(), "origin"))
                .isInstanceOf(ScmException.class)
                .hasMessageContaining("HEAD is detached").hasMessageContaining("BRANCH_NAME");
    }

    @Test
    void shouldMatchReleaseBranchesByNameAndGlob() {
        List<String> release = List.of("main", "master", "release/*", "hotfix/**");

        assertThat(BranchResolver.isReleaseBranch("main", release)).isTrue();
        assertThat(BranchResolver.isReleaseBranch("release/1.x", release)).isTrue();
        assertThat(BranchResolver.isReleaseBranch("release/1.x/extra", release)).isFalse();
        assertThat(BranchResolver.isReleaseBranch("hotfix/a/b", release)).isTrue();
        assertThat(BranchResolver.isReleaseBranch("mainline", release)).isFalse();
        assertThat(BranchResolver.isReleaseBranch("feature/x", release)).isFalse();
    }

    @Test
    void shouldReduceBranchNamesToPreReleaseIdentifiers() {
        assertThat(BranchResolver.preReleaseId("feature/ABC-12_login page")).isEqualTo("feature-ABC-12-login-page");
        assertThat(BranchResolver.preReleaseId("PR-42")).isEqualTo("PR-42");
        assertThat(BranchResolver.preReleaseId("0123")).isEqualTo("b0123");
        assertThat(BranchResolver.preReleaseId("/__/")).isEqualTo("branch");
    }
}
