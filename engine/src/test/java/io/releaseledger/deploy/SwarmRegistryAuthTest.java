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
            "POST (/[^ ]*services/[^ ]+) HTTP/1\\.1\\r\\n(.*?)\\r\\n\\r\\n", Pattern.DOTALL);

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

        List<String[]> posts = posts(forwarder.sent());
        assertThat(posts).extracting(post -> post[0].replaceAll("/v[0-9.]+/", "/").replaceAll("services/[a-z0-9]+/",
                "services/ID/").replaceAll("version=[0-9]+", "version=N"))
                .containsExactly("/services/create", "/services/ID/update?version=N",
                        "/services/ID/update?version=N");
        for (String[] post : posts.subList(0, 2)) {
            assertThat(decodedAuth(post[1])).as("%s", post[0]).contains("\"username\":\"ci\"")
                    .contains("\"password\":\"s3cret-pass\"").contains("\"serveraddress\":\"127.0.0.1:5000\"");
        }
        assertThat(posts.get(2)[1]).as("an update without a login sends none").doesNotContainIgnoringCase(
                "X-Registry-Auth");
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

    /** Each POST to a services path: {path, headers}. */
    private static List<String[]> posts(final String sent) {
        List<String[]> posts = new ArrayList<>();
        Matcher matcher = REQUEST.matcher(sent);
        while (matcher.find()) {
            posts.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return posts;
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
