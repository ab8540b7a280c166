package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.HealthCheckSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A check's default name says what it checked, not the template it was made from. */
class CheckFactoryNamesTest {
    @Test
    void shouldNameChecksWithThePlaceholdersFilledIn() {
        List<HealthCheckSpec> specs = DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    instances: {count: 1, ports: [9001]}\n"
                + "    container: {network: host}\n"
                + "    healthGate:\n"
                + "      checks:\n"
                + "        - http: {url: \"http://{address}:{port}/health\"}\n"
                + "        - tcp: \"{address}:{port}\"\n"
                + "        - http: {url: /ready}\n"
                + "        - http: {url: /named, name: readiness}\n").getEnvironments().get(0).getHealthGate()
                .getChecks();
        CheckFactory factory = new CheckFactory(reference -> "unused")
                .setPlaceholders(text -> text.replace("{address}", "127.0.0.1").replace("{port}", "9001"));

        assertThat(specs.stream().map(factory::create).map(HealthCheck::getName)).containsExactly(
                "http http://127.0.0.1:9001/health", "tcp 127.0.0.1:9001", "http http://127.0.0.1:9001/ready", "readiness");
    }

    @Test
    void shouldNameTheResultsOfAGateWithTheAddressChecked() throws Exception {
        HealthCheckSpec spec = DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    instances: {count: 1, ports: [9001]}\n"
                + "    container: {network: host}\n"
                + "    healthGate:\n"
                + "      checks:\n"
                + "        - tcp: \"{address}:{port}\"\n").getEnvironments().get(0).getHealthGate().getChecks().get(0);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        CheckResult result = new CheckFactory(reference -> "unused").create(spec)
                .run(new CheckTarget("127.0.0.1", closed, null, null));

        assertThat(result.getName()).isEqualTo("tcp 127.0.0.1:" + closed);
    }
}
