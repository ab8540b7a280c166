package io.releaseledger.agent;

import static io.releaseledger.agent.AgentEnvironment.GIT_KNOWN_HOSTS;
import static io.releaseledger.agent.AgentEnvironment.GIT_PASSWORD;
import static io.releaseledger.agent.AgentEnvironment.GIT_SSH_KEY;
import static io.releaseledger.agent.AgentEnvironment.GIT_SSH_KEY_FILE;
import static io.releaseledger.agent.AgentEnvironment.GIT_SSH_PASSPHRASE;
import static io.releaseledger.agent.AgentEnvironment.GIT_TOKEN;
import static io.releaseledger.agent.AgentEnvironment.GIT_USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.GitCredentials.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentEnvironmentTest {
    private static final String SECRET = "s3cret-value-42";
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path directory;

    @Test
    void shouldNameTheDocumentedVariables() {
        assertThat(AgentEnvironment.ALL).containsExactly("RELEASE_LEDGER_GIT_USERNAME", "RELEASE_LEDGER_GIT_PASSWORD",
                "RELEASE_LEDGER_GIT_TOKEN", "RELEASE_LEDGER_GIT_SSH_KEY", "RELEASE_LEDGER_GIT_SSH_KEY_FILE",
                "RELEASE_LEDGER_GIT_SSH_PASSPHRASE", "RELEASE_LEDGER_GIT_KNOWN_HOSTS");
    }

    @Test
    void shouldGiveNoCredentialsForAnEmptyEnvironment() {
        assertThat(AgentEnvironment.gitCredentials(Map.of("PATH", "/bin")).getKind()).isEqualTo(Kind.NONE);
        assertThat(AgentEnvironment.gitCredentials(Map.of(GIT_PASSWORD, "")).getKind()).isEqualTo(Kind.NONE);
    }

    @Test
    void shouldReadUsernameAndPassword() {
        GitCredentials credentials = AgentEnvironment.gitCredentials(Map.of(GIT_USERNAME, "ci", GIT_PASSWORD, SECRET));

        assertThat(credentials.getKind()).isEqualTo(Kind.USERNAME_PASSWORD);
        assertThat(credentials.getUsername()).contains("ci");
        assertThat(credentials.getPassword()).contains(SECRET);
    }

    @Test
    void shouldReadTokenWithDefaultOrGivenUsername() {
        GitCredentials token = AgentEnvironment.gitCredentials(Map.of(GIT_TOKEN, SECRET));
        GitCredentials named = AgentEnvironment.gitCredentials(Map.of(GIT_TOKEN, SECRET, GIT_USERNAME, "bot"));

        assertThat(token.getUsername()).contains("x-access-token");
        assertThat(token.getPassword()).contains(SECRET);
        assertThat(named.getUsername()).contains("bot");
        assertThat(named.getPassword()).contains(SECRET);
    }

    @Test
    void shouldReadSshKeyTextWithPassphraseAndKnownHosts() throws IOException {
        Path knownHosts = Files.writeString(directory.resolve("known_hosts"), "");

        GitCredentials credentials = AgentEnvironment.gitCredentials(Map.of(GIT_SSH_KEY, KEY,
                GIT_SSH_PASSPHRASE, SECRET, GIT_KNOWN_HOSTS, knownHosts.toString()));

        assertThat(credentials.getKind()).isEqualTo(Kind.SSH_KEY);
        assertThat(credentials.getPrivateKey()).contains(KEY);
        assertThat(credentials.getPassphrase()).contains(SECRET);
        assertThat(credentials.getKnownHosts()).isEqualTo(knownHosts);
    }

    @Test
    void shouldReadSshKeyFile() throws IOException {
        Path keyFile = Files.writeString(directory.resolve("id_ed25519"), KEY);

        GitCredentials credentials = AgentEnvironment.gitCredentials(Map.of(GIT_SSH_KEY_FILE, keyFile.toString()));

        assertThat(credentials.getPrivateKey()).contains(KEY);
        assertThat(credentials.getPassphrase()).isEmpty();
    }

    @Test
    void shouldExplainContradictionsWithoutShowingValues() {
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_PASSWORD, SECRET)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("RELEASE_LEDGER_GIT_PASSWORD is set but RELEASE_LEDGER_GIT_USERNAME is not; set the "
                        + "username too, or pass the secret as RELEASE_LEDGER_GIT_TOKEN");
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_PASSWORD, SECRET, GIT_TOKEN, SECRET + "x",
                GIT_USERNAME, "ci")))
                .hasMessage("both RELEASE_LEDGER_GIT_PASSWORD and RELEASE_LEDGER_GIT_TOKEN are set; set only one kind "
                        + "of git credentials");
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_TOKEN, SECRET, GIT_SSH_KEY, KEY)))
                .hasMessage("both HTTPS credentials (RELEASE_LEDGER_GIT_TOKEN) and an SSH key (RELEASE_LEDGER_GIT_SSH_KEY)"
                        + " are set; set only one kind of git credentials")
                .message().doesNotContain(SECRET).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA");
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_SSH_KEY, KEY, GIT_SSH_KEY_FILE, "/k")))
                .hasMessageContaining("both RELEASE_LEDGER_GIT_SSH_KEY and RELEASE_LEDGER_GIT_SSH_KEY_FILE are set");
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_USERNAME, "ci")))
                .hasMessage("RELEASE_LEDGER_GIT_USERNAME is set without RELEASE_LEDGER_GIT_PASSWORD or "
                        + "RELEASE_LEDGER_GIT_TOKEN");
    }

    @Test
    void shouldNameMissingFiles() {
        Path missing = directory.resolve("missing_key");

        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_SSH_KEY_FILE, missing.toString())))
                .hasMessageStartingWith("cannot read the SSH key file " + missing
                        + " (RELEASE_LEDGER_GIT_SSH_KEY_FILE): NoSuchFileException");
        assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(GIT_SSH_KEY, KEY,
                GIT_KNOWN_HOSTS, missing.toString())))
                .hasMessage("the known-hosts file " + missing
                        + " (RELEASE_LEDGER_GIT_KNOWN_HOSTS) does not exist or is not a file");
    }
}
