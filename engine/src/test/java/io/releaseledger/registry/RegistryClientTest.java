package io.releaseledger.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.json.Json;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RegistryClient} against the real registry, with the docker CLI's push as the oracle. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class RegistryClientTest {
    private static final String REGISTRY = Component.registryAddress();
    private static String repository;
    private static String pushedDigest;

    @BeforeAll
    static void pushTheTestImage() {
        repository = "release-ledger-test/registry-" + UUID.randomUUID().toString().substring(0, 8);
        pushedDigest = DockerCli.push(TestImages.busyboxHttpd(), REGISTRY + "/" + repository, "1.0.0");
    }

    @AfterAll
    static void untagLocally() {
        if (repository != null) {
            DockerCli.run("rmi", REGISTRY + "/" + repository + ":1.0.0");
        }
    }

    @Test
    void shouldResolveTheTagToTheDigestDockerRecordedOnPush() {
        ResolvedImage image = new RegistryClient(REGISTRY).resolve(repository, "1.0.0");

        assertThat(image.getDigest()).isEqualTo(pushedDigest).matches("sha256:[0-9a-f]{64}");
        assertThat(image.getReference()).isEqualTo(REGISTRY + "/" + repository + "@" + pushedDigest);
        assertThat(image.getMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(new RegistryClient(REGISTRY).resolve(ImageReference.parse(REGISTRY + "/" + repository + ":1.0.0"))
                .getDigest()).isEqualTo(pushedDigest);
    }

    @Test
    void shouldNameRepositoryAndTagWhenTheTagDoesNotExist() {
        assertThatThrownBy(() -> new RegistryClient(REGISTRY).resolve(repository, "9.9.9"))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining(REGISTRY + "/" + repository + ":9.9.9 does not exist")
                .hasMessageContaining("has no tag 9.9.9");
    }

    @Test
    void shouldNameTheRepositoryWhenItDoesNotExist() {
        assertThatThrownBy(() -> new RegistryClient(REGISTRY).resolve("release-ledger-test/no-such-repo", "1.0.0"))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("release-ledger-test/no-such-repo:1.0.0 does not exist")
                .hasMessageContaining("no repository release-ledger-test/no-such-repo");
    }

    @Test
    void shouldTagAnExistingManifestWithAnotherTag() throws Exception {
        RegistryClient client = new RegistryClient(REGISTRY);
        String tag = "staging-" + UUID.randomUUID().toString().substring(0, 6);

        ResolvedImage tagged = client.tag(repository, pushedDigest, tag);

        assertThat(tagged.getDigest()).isEqualTo(pushedDigest);
        assertThat(client.resolve(repository, tag).getDigest()).isEqualTo(pushedDigest);
        assertThat(tagsOf(repository)).contains("1.0.0", tag);
        // and moving the tag again is fine: the same manifest under the same tag
        assertThat(client.tag(repository, pushedDigest, tag).getDigest()).isEqualTo(pushedDigest);
    }

    @Test
    void shouldRefuseToTagADigestTheRepositoryDoesNotHave() {
        String missing = "sha256:" + "0".repeat(64);

        assertThatThrownBy(() -> new RegistryClient(REGISTRY).tag(repository, missing, "latest"))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining(repository + "@" + missing + " does not exist");
    }

    @Test
    void shouldLogInWithBasicAuthWhenTheRegistryAsks() throws Exception {
        try (AuthenticatingRegistryProxy proxy = new AuthenticatingRegistryProxy("http://" + REGISTRY,
                AuthenticatingRegistryProxy.Mode.BASIC, "ci", "s3cret-basic")) {
            RegistryClient client = new RegistryClient(proxy.address()).setCredentials(RegistryCredentials.of("ci", "s3cret-basic"));

            assertThat(client.resolve(repository, "1.0.0").getDigest()).isEqualTo(pushedDigest);

            assertThatThrownBy(() -> new RegistryClient(proxy.address()).resolve(repository, "1.0.0"))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("needs a login");
        }
    }

    @Test
    void shouldFetchABearerTokenFromTheChallengeRealm() throws Exception {
        try (AuthenticatingRegistryProxy proxy = new AuthenticatingRegistryProxy("http://" + REGISTRY,
                AuthenticatingRegistryProxy.Mode.BEARER, "ci", "s3cret-token")) {
            RegistryClient client = new RegistryClient(proxy.address()).setCredentials(RegistryCredentials.of("ci", "s3cret-token"));
            String tag = "prod-" + UUID.randomUUID().toString().substring(0, 6);

            assertThat(client.resolve(repository, "1.0.0").getDigest()).isEqualTo(pushedDigest);
            assertThat(client.tag(repository, pushedDigest, tag).getDigest()).isEqualTo(pushedDigest);

            assertThat(proxy.tokenScopes).anySatisfy(scope -> assertThat(scope)
                    .contains("service=test-registry").contains("scope=repository:" + repository + ":pull"));
            assertThat(proxy.tokenScopes).anySatisfy(scope -> assertThat(scope).contains(":pull,push"));
            assertThat(new RegistryClient(REGISTRY).resolve(repository, tag).getDigest()).isEqualTo(pushedDigest);
        }
    }

    @Test
    void shouldSayWhichUserWasRefusedWithoutTheSecret() throws Exception {
        try (AuthenticatingRegistryProxy proxy = new AuthenticatingRegistryProxy("http://" + REGISTRY,
                AuthenticatingRegistryProxy.Mode.BEARER, "ci", "right-password")) {
            RegistryClient client = new RegistryClient(proxy.address())
                    .setCredentials(RegistryCredentials.of("ci", "wrong-password"));

            assertThatThrownBy(() -> client.resolve(repository, "1.0.0"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("refused the credentials of user ci")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void shouldSayWhenTheRegistryCannotBeReached() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RegistryClient client = new RegistryClient("127.0.0.1:" + port).setTimeout(Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.resolve("app", "1.0.0"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("resolving 127.0.0.1:" + port + "/app:1.0.0")
                .hasMessageContaining("cannot reach registry 127.0.0.1:" + port + " at http://127.0.0.1:" + port);
    }

    @Test
    void shouldUseHttpsForRegistriesOffLoopbackUnlessInsecure() {
        assertThat(new RegistryClient("registry.example.com").getBaseUri()).hasToString("https://registry.example.com");
        assertThat(new RegistryClient("registry.example.com:5000").setInsecure(true).getBaseUri())
                .hasToString("http://registry.example.com:5000");
        assertThat(new RegistryClient("localhost:5000").getBaseUri()).hasToString("http://localhost:5000");
        assertThat(new RegistryClient("docker.io").getBaseUri()).hasToString("https://registry-1.docker.io");
    }

    @SuppressWarnings("unchecked")
    private static List<String> tagsOf(final String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + REGISTRY + "/v2/" + name + "/tags/list")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (List<String>) Json.parseObject(response.body()).get("tags");
    }
}
