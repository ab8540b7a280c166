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

    // ---- SSH: Apache sshd server on 127.0.0.1 running C git, real key pairs made by ssh-keygen ----

    private Path generateKey(final String type, final String passphrase) throws Exception {
        Path key = Files.createTempFile(temp, "id_" + type + "_", "");
        Files.delete(key);
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        command.addAll(List.of("-N", passphrase, "-C", "test", "-f", key.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        return key;
    }

    private static PublicKey publicKey(final Path privateKey) throws Exception {
        String line = Files.readString(Path.of(privateKey + ".pub")).trim();
        return PublicKeyEntry.parsePublicKeyEntry(line)
                .resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.IGNORING);
    }

    private Path knownHosts(final GitSshServer server) throws Exception {
        return Files.writeString(temp.resolve("known_hosts"), server.knownHostsLine() + "\n");
    }

    private Path served() {
        return root.resolve("remote.git");
    }

    /** What C git in the bare repository says a tag points at, peeled to its commit. */
    private String servedTagCommit(final String tag) {
        return CGit.run(served(), "rev-parse", "--verify", "-q", tag + "^{commit}").trim();
    }

    /** Seeds the bare repository with C git over the file system: main and v1.0.0. */
    private void seedServedWithBase() {
        CGit.run(work.dir(), "push", "-q", served().toString(), "main", "v1.0.0");
    }

    @Test
    void shouldListRemoteTagsOverSshWithAnEncryptedKeyAndAKnownHost() throws Exception {
        Path key = generateKey("rsa", "key passphrase");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            seedServedWithBase();
            CGit.run(served(), "tag", "-a", "-m", "annotated on the server", "v1.1.0-rc.1", "main");
            work.git().tagDelete().setTags("v1.0.0").call();
            work.setRemoteUrl("origin", server.url("remote.git"));
            GitCredentials credentials = GitCredentials.sshKey(Files.readString(key), "key passphrase",
                    knownHosts(server));

            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                List<TagRef> tags = repository.listRemoteTags("origin", credentials);

                assertThat(tags).extracting(TagRef::getName).containsExactlyInAnyOrder("v1.0.0", "v1.1.0-rc.1");
                for (TagRef tag : tags) {
                    assertThat(tag.getCommitId()).as(tag.getName()).hasValue(servedTagCommit(tag.getName()));
                    assertThat(tag.getObjectId()).as(tag.getName())
                            .isEqualTo(CGit.run(served(), "rev-parse", tag.getName()).trim());
                }
                assertThat(tags).filteredOn(TagRef::isAnnotated).extracting(TagRef::getName)
                        .containsExactly("v1.1.0-rc.1");
            }
            assertThat(work.tags()).as("ls-remote changes nothing locally").isEmpty();
        }
    }

    @Test
    void shouldFetchTagsAndTheirObjectsOverSsh() throws Exception {
        Path key = generateKey("rsa", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            seedServedWithBase();
            // A commit that exists only on the server, so the fetch has to transfer a pack.
            String tree = CGit.run(served(), "rev-parse", "main^{tree}").trim();
            String remoteOnly = CGit.run(served(), "commit-tree", tree, "-p", "main", "-m", "feat: remote only").trim();
            CGit.run(served(), "tag", "-a", "-m", "server release", "v1.1.0", remoteOnly);
            work.git().tagDelete().setTags("v1.0.0").call();
            work.setRemoteUrl("origin", server.url("remote.git"));

            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                repository.fetchTags("origin", GitCredentials.sshKey(Files.readString(key), null, knownHosts(server)),
                        false);
            }

            assertThat(work.tags()).containsExactly("v1.0.0", "v1.1.0");
            assertThat(work.tagCommit("v1.1.0")).isEqualTo(remoteOnly);
            assertThat(work.tagCommit("v1.0.0")).isEqualTo(servedTagCommit("v1.0.0"));
            assertThat(work.git().getRepository().getObjectDatabase().has(
                    org.eclipse.jgit.lib.ObjectId.fromString(remoteOnly))).isTrue();
        }
    }

    @Test
    void shouldPushATagOverSshThatLandsInTheBareRepository() throws Exception {
        Path key = generateKey("rsa", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            work.setRemoteUrl("origin", server.url("remote.git"));
            GitCredentials credentials = GitCredentials.sshKey(Files.readString(key), null, knownHosts(server));

            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                assertThat(repository.pushTag("origin", "v1.0.0", credentials).getStatus())
                        .isEqualTo(PushOutcome.Status.PUSHED);
                // A second connection to the same server: the tag is there now.
                assertThat(repository.pushTag("origin", "v1.0.0", credentials).getStatus())
                        .isEqualTo(PushOutcome.Status.UP_TO_DATE);
            }

            assertThat(servedTags()).containsExactly("v1.0.0");
            assertThat(servedTagCommit("v1.0.0")).isEqualTo(work.tagCommit("v1.0.0"));
            CGit.run(served(), "fsck", "--strict");
        }
    }

    @Test
    void shouldRunSemverTagFetchingAndPushingOverSsh() throws Exception {
        Path key = generateKey("rsa", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            seedServedWithBase();
            work.git().tagDelete().setTags("v1.0.0").call();
            work.setRemoteUrl("origin", server.url("remote.git"));

            SemverTagResult result = semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts(server)));

            assertThat(result.getPreviousTag()).as("v1.0.0 is known only from the remote").isEqualTo("v1.0.0");
            assertThat(result.getVersion()).isEqualTo("1.0.1");
            assertThat(result.isPushed()).isTrue();
            assertThat(servedTags()).containsExactly("v1.0.0", "v1.0.1");
            assertThat(servedTagCommit("v1.0.1")).isEqualTo(work.head());
            assertThat(CGit.run(served(), "cat-file", "-t", "v1.0.1").trim()).isEqualTo("tag");
        }
    }

    @Test
    void shouldPushWithAnEd25519Key() throws Exception {
        Path key = generateKey("ed25519", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            work.setRemoteUrl("origin", server.url("remote.git"));

            SemverTagResult result = semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts(server)));

            assertThat(result.isPushed()).isTrue();
            assertThat(servedTags()).containsExactly("v1.0.1");
            assertThat(servedTagCommit("v1.0.1")).isEqualTo(work.head());
        }
    }

    @Test
    void shouldPushWithAPassphraseProtectedEd25519Key() throws Exception {
        Path key = generateKey("ed25519", "ed passphrase 9");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            work.setRemoteUrl("origin", server.url("remote.git"));
            GitCredentials credentials = GitCredentials.sshKey(Files.readString(key), "ed passphrase 9",
                    knownHosts(server));

            try (JGitRepository repository = JGitRepository.open(work.dir())) {
                assertThat(repository.pushTag("origin", "v1.0.0", credentials).getStatus())
                        .isEqualTo(PushOutcome.Status.PUSHED);
            }

            assertThat(servedTags()).containsExactly("v1.0.0");
            assertThat(servedTagCommit("v1.0.0")).isEqualTo(work.tagCommit("v1.0.0"));
        }
    }

    @Test
    void shouldRefuseAWrongKeyWithoutRevealingIt() throws Exception {
        Path authorized = generateKey("ed25519", "");
        Path other = generateKey("rsa", "other passphrase 31");
        String otherText = Files.readString(other);
        String keyBody = otherText.lines().filter(line -> !line.startsWith("-----")).skip(2).findFirst().orElseThrow();
        try (GitSshServer server = new GitSshServer(root, publicKey(authorized))) {
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(otherText, "other passphrase 31",
                    knownHosts(server))))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("authentication was refused")
                    .hasMessageNotContaining("other passphrase 31")
                    .hasMessageNotContaining("BEGIN OPENSSH")
                    .hasMessageNotContaining(keyBody);
            assertThat(servedTags()).isEmpty();
            assertThat(work.tags()).containsExactly("v1.0.0");
        }
    }

    @Test
    void shouldRefuseAnUnknownHost() throws Exception {
        Path key = generateKey("ed25519", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts)))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("host key refused")
                    .hasMessageContaining("is not in the known-hosts file");
            assertThat(Files.readString(knownHosts)).as("nothing is ever added").isEmpty();
            assertThat(servedTags()).isEmpty();
            assertThat(work.tags()).containsExactly("v1.0.0");
        }
    }

    @Test
    void shouldRefuseAChangedHostKey() throws Exception {
        Path key = generateKey("ed25519", "");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair impostor = generator.generateKeyPair();
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                    "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(impostor.getPublic()) + "\n");
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), null, knownHosts)))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("host key refused")
                    .hasMessageContaining("CHANGED");
            assertThat(servedTags()).isEmpty();
            assertThat(work.tags()).containsExactly("v1.0.0");
        }
    }

    @Test
    void shouldSayWhenTheKeyPassphraseIsWrong() throws Exception {
        Path key = generateKey("rsa", "right");
        try (GitSshServer server = new GitSshServer(root, publicKey(key))) {
            work.setRemoteUrl("origin", server.url("remote.git"));

            assertThatThrownBy(() -> semverTag(GitCredentials.sshKey(Files.readString(key), "wrong",
                    knownHosts(server))))
                    .isInstanceOf(ScmException.class)
                    .hasMessageContaining("SSH private key could not be read")
                    .hasMessageNotContaining("BEGIN OPENSSH");
            assertThat(servedTags()).isEmpty();
        }
    }
}
