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
        Origin origin = BuildIdentity.origin("shop/main", 212, "https://ci.example/", "job/shop/job/main/212/", false);

        assertThat(origin.getKind()).isEqualTo(Origin.JENKINS);
        assertThat(origin.getJob()).isEqualTo("shop/main");
        assertThat(origin.getBuild()).isEqualTo(212);
        assertThat(origin.getUrl()).isEqualTo("https://ci.example/job/shop/job/main/212/");
        assertThat(origin.isChangeRequest()).isFalse();
    }

    @Test
    void shouldKeepAChangeRequestOfTheScmHeadWhateverTheVariablesSay() {
        // withEnv(['CHANGE_ID=']) in the Jenkinsfile: the head still says change request
        assertThat(BuildIdentity.isChangeRequest(true, Map.of("CHANGE_ID", ""))).isTrue();
        assertThat(BuildIdentity.isChangeRequest(true, Map.of())).isTrue();
        assertThat(BuildIdentity.origin("shop/PR-7", 1, null, "job/shop/job/PR-7/1/", true).isChangeRequest()).isTrue();
    }

    @Test
    void shouldLetCHANGE_IDOnlyAddTheRestriction() {
        assertThat(BuildIdentity.isChangeRequest(false, Map.of("CHANGE_ID", "7"))).isTrue();
        assertThat(BuildIdentity.isChangeRequest(false, Map.of("CHANGE_ID", ""))).isFalse();
        assertThat(BuildIdentity.isChangeRequest(false, Map.of("BRANCH_NAME", "main"))).isFalse();
    }

    @Test
    void shouldBuildTheJobUrlFromTheFullNameWhateverTheView() {
        assertThat(BuildIdentity.jobUrl("shop")).isEqualTo("job/shop/");
        assertThat(BuildIdentity.jobUrl("team a/shop/main")).isEqualTo("job/team%20a/job/shop/job/main/");
    }

    @Test
    void shouldJoinTheRootUrlAndFallBackToTheRelativeUrl() {
        assertThat(BuildIdentity.absolute("https://ci.example/jenkins", "job/a/1/")).isEqualTo("https://ci.example/jenkins/job/a/1/");
        assertThat(BuildIdentity.absolute("https://ci.example/", "job/a/1/")).isEqualTo("https://ci.example/job/a/1/");
        assertThat(BuildIdentity.absolute(null, "job/a/1/")).isEqualTo("job/a/1/");
    }
}
