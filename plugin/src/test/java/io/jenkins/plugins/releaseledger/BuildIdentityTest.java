package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Origin;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildIdentityTest {
    @Test
    void shouldNameTheUserWhoStartedTheBuild() {
        assertThat(BuildIdentity.actor("alice", "Alice Example")).isEqualTo(new Actor("alice", "Alice Example"));
        assertThat(BuildIdentity.actor("bob", null)).isEqualTo(new Actor("bob", "bob"));
    }

    @Test
    void shouldNameJenkinsWhenNoUserStartedTheBuild() {
        assertThat(BuildIdentity.actor(null, "anonymous")).isEqualTo(new Actor("jenkins", "Jenkins"));
        assertThat(BuildIdentity.actor(" ", null)).isEqualTo(new Actor("jenkins", "Jenkins"));
    }

    @Test
    void shouldDescribeTheBuild() {
        Origin origin = BuildIdentity.origin("shop/main", 212, "https://ci.example/", "job/shop/job/main/212/", Map.of());

        assertThat(origin.getKind()).isEqualTo(Origin.JENKINS);
        assertThat(origin.getJob()).isEqualTo("shop/main");
        assertThat(origin.getBuild()).isEqualTo(212);
        assertThat(origin.getUrl()).isEqualTo("https://ci.example/job/shop/job/main/212/");
        assertThat(origin.isChangeRequest()).isFalse();
    }

    @Test
    void shouldRecogniseBuildsOfChangeRequests() {
        assertThat(BuildIdentity.origin("shop/PR-7", 1, null, "job/shop/job/PR-7/1/", Map.of("CHANGE_ID", "7"))
                .isChangeRequest()).isTrue();
        assertThat(BuildIdentity.isChangeRequest(Map.of("CHANGE_ID", ""))).isFalse();
        assertThat(BuildIdentity.isChangeRequest(Map.of("BRANCH_NAME", "main"))).isFalse();
    }

    @Test
    void shouldJoinTheRootUrlAndFallBackToTheRelativeUrl() {
        assertThat(BuildIdentity.absolute("https://ci.example/jenkins", "job/a/1/")).isEqualTo("https://ci.example/jenkins/job/a/1/");
        assertThat(BuildIdentity.absolute("https://ci.example/", "job/a/1/")).isEqualTo("https://ci.example/job/a/1/");
        assertThat(BuildIdentity.absolute(null, "job/a/1/")).isEqualTo("job/a/1/");
    }
}
