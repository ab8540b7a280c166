package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SemverTagStepTest {
    @Test
    void shouldStartWithTheEngineDefaults() {
        SemverTagStep step = new SemverTagStep();

        assertThat(step.getPrefix()).isEqualTo("v");
        assertThat(step.getPaths()).isNull();
        assertThat(step.getBranch()).isNull();
        assertThat(step.getReleaseBranches()).isEqualTo("main, master");
        assertThat(step.getPreReleaseId()).isNull();
        assertThat(step.getInitialVersion()).isEqualTo("0.1.0");
        assertThat(step.getOtherCommitsBump()).isEqualTo("PATCH");
        assertThat(step.getBreakingBelowOne()).isEqualTo("MINOR");
        assertThat(step.isPush()).isTrue();
        assertThat(step.getRemote()).isEqualTo("origin");
        assertThat(step.isFetch()).isTrue();
        assertThat(step.isDryRun()).isFalse();
        assertThat(step.isAllowDirty()).isFalse();
        assertThat(step.getMaxPushAttempts()).isEqualTo(3);
        assertThat(step.getCredentialsId()).isNull();
        assertThat(step.getApplication()).isNull();
    }

    @Test
    void shouldTreatBlankFormFieldsAsUnset() {
        SemverTagStep step = new SemverTagStep();
        step.setPaths(" ");
        step.setBranch("");
        step.setReleaseBranches("");
        step.setPreReleaseId(" ");
        step.setInitialVersion("");
        step.setOtherCommitsBump("");
        step.setBreakingBelowOne(null);
        step.setRemote(" ");
        step.setCredentialsId("");
        step.setApplication(" ");

        assertThat(step.getPaths()).isNull();
        assertThat(step.getBranch()).isNull();
        assertThat(step.getReleaseBranches()).isEqualTo("main, master");
        assertThat(step.getPreReleaseId()).isNull();
        assertThat(step.getInitialVersion()).isEqualTo("0.1.0");
        assertThat(step.getOtherCommitsBump()).isEqualTo("PATCH");
        assertThat(step.getBreakingBelowOne()).isEqualTo("MINOR");
        assertThat(step.getRemote()).isEqualTo("origin");
        assertThat(step.getCredentialsId()).isNull();
        assertThat(step.getApplication()).isNull();
    }

    @Test
    void shouldKeepTheApplicationOutOfTheAgentRequest() {
        SemverTagStep step = new SemverTagStep();
        step.setApplication(" shop ");

        assertThat(step.getApplication()).isEqualTo("shop");
        assertThat(SemverTagOptions.request(step, "/ws", java.util.Map.of()).toJson()).doesNotContain("shop");
    }

    @Test
    void shouldKeepAnEmptyPrefixButNotANullOne() {
        SemverTagStep step = new SemverTagStep();

        step.setPrefix(" ");
        assertThat(step.getPrefix()).isEmpty();

        step.setPrefix(null);
        assertThat(step.getPrefix()).isEqualTo("v");
    }

    @Test
    void shouldNormaliseBumpNames() {
        SemverTagStep step = new SemverTagStep();
        step.setOtherCommitsBump(" minor ");
        step.setBreakingBelowOne("major");

        assertThat(step.getOtherCommitsBump()).isEqualTo("MINOR");
        assertThat(step.getBreakingBelowOne()).isEqualTo("MAJOR");
    }
}
