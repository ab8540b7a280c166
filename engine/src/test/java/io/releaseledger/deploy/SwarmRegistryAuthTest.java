package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaSwarm;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry login on a Swarm service's create and update, as the real engine receives it: the requests go through
 * a recording forwarder on loopback to the local engine. The local registry asks for no login, so what is tested is
 * that the header reaches the engine with every create and update and the engine accepts it, not that a registry
 * with authentication lets the nodes pull.
 */
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY})
class SwarmRegistryAuthTest {
    private static final String SERVICE = "rltest-swarm-auth";
    private static final Pattern REQUEST = Pattern.compile(
            "(GET|POST|PUT|DELETE|HEAD) ([^ ]+) HTTP/1\\.1\\r\\n(.*?)\\r\\n\\r\\n", Pattern.DOTALL);
    private static final Pattern RESPONSE = Pattern.compile("HTTP/1\\.1 ([0-9]{3}) ");

    private SocketForwarder forwarder;

    @AfterEach
    void removeService() {
        DockerCli.run("service", "rm", SERVICE);
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Test
    void shouldSendTheLoginWithTheCreateAndWithEveryUpdate() throws Exception {
        DockerCli.run("service", "rm", SERVICE);
        forwarder = new SocketForwarder(DockerHost.DEFAULT_SOCKET);
        RegistryCredentials login = RegistryCredentials.of("ci", "s3cret-pass");
        try (DockerJavaSwarm swarm = DockerJavaSwarm.connect(DockerHost.tcp("127.0.0.1", forwarder.port()))) {
            swarm.create(request(TestApp.V1).setRegistryCredentials(login));
            swarm.update(settled(swarm), request(TestApp.V2).setRegistryCredentials(login));
            swarm.update(settled(swarm), request(TestApp.V1));
        }

        // Swarm raises a service's version on its own bookkeeping too, so an update can be refused as out of sequence
        // and sent again on the new version (DockerJavaSwarm.update): what the engine accepted is what counts
        List<Post> posts = posts(forwarder.conversations());
        assertThat(posts.stream().filter(Post::accepted)).extracting(Post::shape).containsExactlyInAnyOrder(
                "/services/create", "/services/ID/update?version=N", "/services/ID/update?version=N");
        for (Post post : posts) {
            if (!post.accepted()) {
                assertThat(post.answer()).as("refused %s", post.path()).contains("update out of sequence");
            }
            if (post.path().endsWith("/create") || post.body().contains(TestApp.digest(TestApp.V2))) {
                assertThat(decodedAuth(post.headers())).as("%s", post.path()).contains("\"username\":\"ci\"")
                        .contains("\"password\":\"s3cret-pass\"")
                        .contains("\"serveraddress\":\"127.0.0.1:5000\"");
            } else {
                assertThat(post.headers()).as("an update without a login sends none: %s", post.path())
                        .doesNotContainIgnoringCase("X-Registry-Auth");
            }
        }
        assertThat(SwarmFixture.serviceImage(SERVICE)).isEqualTo(TestApp.REPOSITORY + "@"
                + TestApp.digest(TestApp.V1));
    }

    /** The service once its last update ended: Swarm bumps the version when the update status changes. */
    private static SwarmService settled(final DockerJavaSwarm swarm) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        SwarmService service = swarm.inspect(SERVICE).orElseThrow();
        while (service.getUpdateState() == SwarmService.UpdateState.UPDATING && System.nanoTime() < deadline) {
            DeployHaproxy.sleep(200);
            service = swarm.inspect(SERVICE).orElseThrow();
        }
        return service;
    }

    private static SwarmServiceRequest request(final String version) {
        return new SwarmServiceRequest(SERVICE, TestApp.REPOSITORY + "@" + TestApp.digest(version), 1)
                .setEnvironment(Map.of("PORT", String.valueOf(port())));
    }

    private static int port() {
        return FreePorts.next();
    }

    /**
     * Each POST to a services path with the engine's answer. A connection carries one request at a time, so its n-th
     * answer is to its n-th request.
     */
    private static List<Post> posts(final List<SocketForwarder.Conversation> conversations) {
        List<Post> posts = new ArrayList<>();
        for (SocketForwarder.Conversation conversation : conversations) {
            String sent = conversation.sent();
            List<String> answers = answers(conversation.received());
            List<MatchResult> requests = REQUEST.matcher(sent).results().toList();
            for (int n = 0; n < requests.size(); n++) {
                MatchResult request = requests.get(n);
                int bodyEnd = n + 1 < requests.size() ? requests.get(n + 1).start() : sent.length();
                if (request.group(1).equals("POST") && request.group(2).contains("services/")) {
                    posts.add(new Post(request.group(2), request.group(3), sent.substring(request.end(), bodyEnd),
                            n < answers.size() ? answers.get(n) : ""));
                }
            }
        }
        return posts;
    }

    private static List<String> answers(final String received) {
        List<String> answers = new ArrayList<>();
        Matcher status = RESPONSE.matcher(received);
        int start = -1;
        while (status.find()) {
            if (start >= 0) {
                answers.add(received.substring(start, status.start()));
            }
            start = status.start();
        }
        if (start >= 0) {
            answers.add(received.substring(start));
        }
        return answers;
    }

    /** A POST as the engine got it, and its answer from the status line on (empty when none came). */
    private record Post(String path, String headers, String body, String answer) {
        boolean accepted() {
            return answer.startsWith("HTTP/1.1 2");
        }

        String shape() {
            return path.replaceAll("/v[0-9.]+/", "/").replaceAll("services/[a-z0-9]+/", "services/ID/")
                    .replaceAll("version=[0-9]+", "version=N");
        }
    }

    private static String decodedAuth(final String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "X-Registry-Auth:", 0, 16)) {
                return new String(Base64.getUrlDecoder().decode(line.substring(16).strip()), StandardCharsets.UTF_8);
            }
        }
        return "(no X-Registry-Auth header)";
    }
}
