package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.releaseledger.agent.AgentEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitEnvironmentTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void shouldPassUsernameAndPassword() {
        assertThat(GitEnvironment.usernamePassword("ci", "p4ssw0rd-long-enough")).containsExactly(
                Map.entry("RELEASE_LEDGER_GIT_USERNAME", "ci"),
                Map.entry("RELEASE_LEDGER_GIT_PASSWORD", "p4ssw0rd-long-enough"));
    }

    @Test
    void shouldPassSecretTextAsToken() {
        assertThat(GitEnvironment.token("ghp_token")).containsExactly(Map.entry("RELEASE_LEDGER_GIT_TOKEN", "ghp_token"));
    }

    @Test
    void shouldPassTheFirstSshKeyAndItsPassphrase() {
        assertThat(GitEnvironment.sshKey(List.of(KEY, "second"), "phrase")).containsExactly(
                Map.entry(AgentEnvironment.GIT_SSH_KEY, KEY),
                Map.entry(AgentEnvironment.GIT_SSH_PASSPHRASE, "phrase"));
        assertThat(GitEnvironment.sshKey(List.of(KEY), null)).containsOnlyKeys(AgentEnvironment.GIT_SSH_KEY);
        assertThat(GitEnvironment.sshKey(List.of(KEY), "")).containsOnlyKeys(AgentEnvironment.GIT_SSH_KEY);
    }

    @Test
    void shouldRefuseAnSshCredentialWithoutKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> GitEnvironment.sshKey(List.of(), "phrase"))
                .withMessage("the SSH credentials hold no private key");
    }

    @Test
    void shouldSetOnlyVariablesTheAgentReads() {
        assertThat(AgentEnvironment.ALL).containsAll(GitEnvironment.usernamePassword("u", "p").keySet());
        assertThat(AgentEnvironment.ALL).containsAll(GitEnvironment.token("t").keySet());
        assertThat(AgentEnvironment.ALL).containsAll(GitEnvironment.sshKey(List.of(KEY), "p").keySet());
        assertThat(GitEnvironment.none()).isEmpty();
    }
}
