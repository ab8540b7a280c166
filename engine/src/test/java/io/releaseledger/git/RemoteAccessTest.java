package io.releaseledger.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.scm.CGit;
import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.PushOutcome;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.TagRef;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.semver.SemverTagCommand;
import io.releaseledger.semver.SemverTagResult;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch, ls-remote and push against real servers on 127.0.0.1: C git over HTTP with Basic auth, and SSH. */
@RequiresRealComponent(Component.GIT)
class RemoteAccessTest {
    private static final String PASSWORD = "correct-horse-battery-staple";

    @TempDir
    private Path temp;
    private Path root;
    private TestRepo work;

    @BeforeEach
    void createRepositories() throws Exception {
        root = Files.createDirectories(temp.resolve("served"));
        CGit.run(root, "init", "--bare", "-q", "-b", "main", "remote.git");
        work = TestRepo.init(temp.resolve("work"));
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.commit("fix: something");
    }

    @AfterEach
    void closeRepositories() {
        work.close();
    }

    private SemverTagResult semverTag(final GitCredentials credentials) {
        return semverTag(credentials, command -> { });
    }

    private SemverTagResult semverTag(final GitCredentials credentials, final Consumer<SemverTagCommand> options) {
        try (JGitRepository repository = JGitRepository.open(work.dir())) {
            SemverTagCommand command = new SemverTagCommand(repository).setCredentials(credentials);
            options.accept(command);
            return command.call();
        }
    }

    private List<String> servedTags() {
        return List.of(CGit.run(root.resolve("remote.git"), "tag", "-l").split("\n")).stream()
                .filter(tag -> !tag.isBlank()).toList();
    }

    @Test
    void shouldFetchAndPushOverHttpWithUsernameAndPassword() throws Exception {
        try (GitHttpServer server = new GitHttpServer(root, "ci", PASSWORD)) {
            work.setRemoteUrl("origin", server.url("remote.git"));
            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                assertThat(repository.pushTag("origin", "v1.0.0", GitCredentials.usernamePassword("ci", PASSWORD))
                        .getStatus()).isEqualTo(PushOutcome.Status.PUSHED);
            }
            work.git().tagDelete().setTags("v1.0.0").call();

            SemverTagResult result = semverTag(GitCredentials.usernamePassword("ci", PASSWORD));

            assertThat(result.getPreviousTag()).isEqualTo("v1.0.0");
            assertThat(result.getVersion()).isEqualTo("1.0.1");
            assertThat(result.isPushed()).isTrue();
            assertThat(servedTags()).containsExactly("v1.0.0", "v1.0.1");
        }
    }

    @Test
    void shouldAuthenticateWithAToken() throws Exception {
        try (GitHttpServer server = new GitHttpServer(root, GitCredentials.TOKEN_USERNAME, "tok-123")) {
            work.setRemoteUrl("origin", server.url("remote.git"));

            SemverTagResult result = semverTag(GitCredentials.token("tok-123"));

            assertThat(result.isPushed()).isTrue();
            assertThat(servedTags()).containsExactly("v1.0.1");
        }
    }

    @Test
    void shouldRefuseBadCredentialsWithoutRevealingThemOrChangingAnything() throws Exception {
        try (GitHttpServer server = new GitHttpServer(root, "ci", PASSWORD)) {
            work.setRemoteUrl("origin", server.url("remote.git").replace("http://", "http://ci:url-secret@"));

            assertThatThrownBy(() -> semverTag(GitCredentials.usernamePassword("ci", "wrong-password-42")))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("authentication")
                    .hasMessageNotContaining("wrong-password-42")
                    .hasMessageNotContaining("url-secret");
            assertThatThrownBy(() -> semverTag(GitCredentials.none())).isInstanceOf(ScmException.class)
                    .hasMessageContaining("authentication");
            assertThat(work.tags()).containsExactly("v1.0.0");
            assertThat(servedTags()).isEmpty();
        }
    }

    @Test
    @Disabled("flaky: the in-process SSH test server sometimes ends the git-upload-pack channel before the ref"
            + " advertisement reaches JGit; the test server's stream handling needs fixing")
    void shouldListRemoteTagsOverSshWithAnEncryptedKeyAndAKnownHost() throws Exception {
        Path key = generateKey("key passphrase");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            Path knownHosts = temp.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine() + "\n");
            CGit.run(work.dir(), "push", "-q", root.resolve("remote.git").toString(), "main", "v1.0.0");
            work.git().tagDelete().setTags("v1.0.0").call();
            work.setRemoteUrl("origin", server.url("remote.git"));
            GitCredentials credentials = GitCredentials.sshKey(Files.readString(key), "key passphrase", knownHosts);

            SemverTagResult dryRun = semverTag(credentials, command -> command.setDryRun(true));

            assertThat(dryRun.getPreviousTag()).isEqualTo("v1.0.0");
            assertThat(dryRun.getVersion()).isEqualTo("1.0.1");
            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                assertThat(repository.listRemoteTags("origin", credentials)).extracting(TagRef::getName)
                        .containsExactly("v1.0.0");
            }
        }
    }

    @Test
    @Disabled("a second exec channel in one SSH session fails against the in-process test server ('session is"
            + " being closed'), so fetch with pack transfer and push over SSH are not proven yet")
    void shouldFetchAndPushOverSsh() throws Exception {
        Path key = generateKey("");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), server.knownHostsLine() + "\n");
            work.setRemoteUrl("origin", server.url("remote.git"));

            SemverTagResult result = semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts));

            assertThat(result.isPushed()).isTrue();
            assertThat(servedTags()).containsExactly("v1.0.1");
        }
    }

    @Test
    void shouldRefuseAnUnknownHost() throws Exception {
        Path key = generateKey("");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts)))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("host key refused")
                    .hasMessageContaining("is not in the known-hosts file");
            assertThat(servedTags()).isEmpty();
            assertThat(work.tags()).containsExactly("v1.0.0");
        }
    }

    @Test
    void shouldRefuseAChangedHostKey() throws Exception {
        Path key = generateKey("");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair impostor = generator.generateKeyPair();
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                    "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(impostor.getPublic()) + "\n");
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts)))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("CHANGED");
            assertThat(servedTags()).isEmpty();
        }
    }

    @Test
    void shouldSayWhenTheKeyPassphraseIsWrong() throws Exception {
        Path key = generateKey("right");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), server.knownHostsLine() + "\n");
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), "wrong", knownHosts)))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("SSH private key could not be read")
                    .hasMessageNotContaining("BEGIN OPENSSH");
        }
    }

    private Path generateKey(final String passphrase) throws Exception {
        // RSA: Apache sshd reads ed25519 keys only with net.i2p eddsa or Bouncy Castle on the class path.
        Path key = temp.resolve("id_rsa");
        Files.deleteIfExists(key);
        Files.deleteIfExists(temp.resolve("id_rsa.pub"));
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", passphrase, "-C", "test",
                "-f", key.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return key;
    }

    private static PublicKey publicKey(final Path privateKey) throws Exception {
        String line = Files.readString(Path.of(privateKey + ".pub")).trim();
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.IGNORING);
    }
}
