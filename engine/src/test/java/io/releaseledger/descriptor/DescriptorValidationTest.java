package io.releaseledger.descriptor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.releaseledger.descriptor.DescriptorLoaderTest.catchDescriptorException;
import static io.releaseledger.descriptor.DescriptorLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

class DescriptorValidationTest {
    private static final String HEADER = """
            schemaVersion: 1
            application: shop
            image: registry:5000/shop
            environments:
            """;

    /** A descriptor with one environment whose body is {@code body} (indented by the caller's text block). */
    private static String environment(final String body) {
        return HEADER + "  - name: staging\n" + body.indent(4);
    }

    private static List<String> environmentProblems(final String body) {
        return problems(environment(body));
    }

    @Test
    void shouldReportEveryMistakeWithItsPathAndLine() {
        String yaml = """
                schemaVersion: 2
                application: Shop
                image: registry:5000/shop:1.2.0
                environments:
                  - name: staging
                    replicas: 3
                    hosts:
                      - unix:///var/run/docker.sock
                  - name: production
                    promotesFrom: stagin
                    hosts:
                      - http://prod:2375
                    container:
                      env:
                        DB_PASSWORD: hunter2
                      restart: sometimes
                    strategy: {type: rolling, batchSize: 0}
                    healthGate:
                      checks:
                        - http: {url: /health, status: 200, timeout: 5}
                """;

        DescriptorException error = catchDescriptorException(() -> DescriptorLoader.parse(yaml));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString).containsExactly(
                "schemaVersion: unsupported schema version 2; this Release Ledger reads schemaVersion 1 (line 1, column 16)",
                "application: 'Shop' is not a valid application name: lower-case letters, digits, '.', '_' and '-', "
                        + "at most 63 (line 2, column 14)",
                "image: write the repository without a tag ('registry:5000/shop'); the version is chosen when "
                        + "deploying (line 3, column 8)",
                "environments[0]: unknown key 'replicas'; did you mean 'instances'? (line 6, column 5)",
                "environments[1].instances: the http check needs the port of each instance: give instances.ports, or "
                        + "publish a host port in container.ports (line 9, column 5)",
                "environments[1].promotesFrom: unknown environment 'stagin'; did you mean 'staging'? (line 10, column 19)",
                "environments[1].hosts[0]: unknown scheme 'http'; use unix://, tcp:// (line 12, column 9)",
                "environments[1].container.env.DB_PASSWORD: 'DB_PASSWORD' looks like a secret written inline; "
                        + "reference it with secret: {credentialsId: …} (Jenkins) or secret: {env: VAR} (CLI), or "
                        + "write plain: … if it is not a secret (line 15, column 22)",
                "environments[1].container.restart: unknown restart policy 'sometimes'; use no, always, "
                        + "unless-stopped or on-failure[:N] (line 16, column 16)",
                "environments[1].strategy.batchSize: must be between 1 and 10000, found 0 (line 17, column 42)",
                "environments[1].healthGate.checks[0].http.timeout: expected a duration such as 500ms, 30s, 5m or "
                        + "1h, found '5' (line 20, column 54)");
        assertThat(error).hasMessageStartingWith("release-ledger.yaml has 11 problems:" + System.lineSeparator()
                + "  - schemaVersion: unsupported schema version 2");
        assertThat(error).isInstanceOf(io.releaseledger.ReleaseLedgerException.class);
        assertThat(error.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void shouldReportMissingRequiredFields() {
        assertThat(problems("""
                application: shop
                environments:
                  - protected: true
                """)).containsExactly(
                "schemaVersion: is required; write schemaVersion: 1 (line 1, column 1)",
                "image: is required; the image repository, such as registry.example.com/shop (line 1, column 1)",
                "environments[0].name: is required; such as staging or production (line 3, column 5)",
                "environments[0].hosts: is required; for example - unix:///var/run/docker.sock (line 3, column 5)");
    }

    @Test
    void shouldReportUnknownKeysAtEveryLevelWithSuggestions() {
        assertThat(problems(HEADER + """
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {netwrok: host, restartPolicy: always}
                    strategy: {type: rolling, batchsize: 2}
                    healthGate: {timeout: 30s, chekcs: []}
                    colour: blue
                """)).containsExactly(
                "environments[0].container: unknown key 'netwrok'; did you mean 'network'? (line 7, column 17)",
                "environments[0].container: unknown key 'restartPolicy'; did you mean 'restart'? (line 7, column 32)",
                "environments[0].strategy: unknown key 'batchsize'; did you mean 'batchSize'? (line 8, column 31)",
                "environments[0].healthGate: unknown key 'chekcs'; did you mean 'checks'? (line 9, column 32)",
                "environments[0]: unknown key 'colour' (line 10, column 5)");
    }

    @Test
    void shouldReportWrongTypes() {
        assertThat(environmentProblems("""
                protected: "yes"
                hosts: unix:///var/run/docker.sock
                instances: {count: three}
                """)).containsExactly(
                "environments[0].protected: expected true or false, found 'yes' (line 6, column 16)",
                "environments[0].hosts: expected a list, found a string (line 7, column 12)",
                "environments[0].instances.count: expected a whole number, found 'three' (line 8, column 24)");
    }

    @Test
    void shouldReportDuplicateKeys() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                protected: true
                protected: false
                """)).containsExactly("environments[0]: duplicate key 'protected' (first at line 7) (line 8, column 5)");
    }

    @Test
    void shouldRefuseDuplicateEnvironmentNames() {
        assertThat(problems(HEADER + """
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                  - name: staging
                    hosts: [tcp://other:2375]
                """)).containsExactly(
                "environments[1].name: duplicate environment name 'staging' (also environments[0]) (line 7, column 11)");
    }

    @Test
    void shouldRefusePromotionFromALaterOrTheSameEnvironment() {
        assertThat(problems(HEADER + """
                  - name: staging
                    promotesFrom: production
                    hosts: [unix:///var/run/docker.sock]
                  - name: production
                    promotesFrom: production
                    hosts: [tcp://prod:2375]
                """)).containsExactly(
                "environments[0].promotesFrom: 'production' comes after 'staging'; list the environments in promotion "
                        + "order, the source first (line 6, column 19)",
                "environments[1].promotesFrom: an environment cannot promote from itself (line 9, column 19)");
    }

    @Test
    void shouldRefuseRequirementsWithoutPromotionAndUnknownRequirements() {
        assertThat(problems(HEADER + """
                  - name: staging
                    requires: [deployed]
                    hosts: [unix:///var/run/docker.sock]
                  - name: production
                    promotesFrom: staging
                    requires: [deployed, checksPasssed]
                    hosts: [tcp://prod:2375]
                """)).containsExactly(
                "environments[0].requires: applies only with promotesFrom (line 6, column 15)",
                "environments[1].requires: unknown requirement 'checksPasssed'; did you mean 'checksPassed'?; use "
                        + "deployed, checksPassed (line 10, column 15)");
    }

    @Test
    void shouldRefuseSecretsWrittenInline() {
        assertThat(environmentProblems("""
                hosts:
                  - url: tcp://prod:2376
                    tls: {ca: /ca.pem, cert: /cert.pem, key: "-----BEGIN PRIVATE KEY-----\\nMII..."}
                container:
                  env:
                    API_TOKEN: abc123
                    DB_PASSWORD: {secret: hunter2}
                    SIGNING_KEY: {plain: "-----BEGIN RSA PRIVATE KEY-----"}
                    ALSO: {secret: {credentialsId: x, env: Y}}
                    FROM_ENV: {secret: {env: "s3cr3t value"}}
                """)).containsExactly(
                "environments[0].hosts[0].tls.key: write the path of the file, never its content: the descriptor must "
                        + "not hold certificates or keys (line 8, column 50)",
                "environments[0].container.env.API_TOKEN: 'API_TOKEN' looks like a secret written inline; reference it "
                        + "with secret: {credentialsId: …} (Jenkins) or secret: {env: VAR} (CLI), or write plain: … if "
                        + "it is not a secret (line 11, column 20)",
                "environments[0].container.env.DB_PASSWORD.secret: a secret is written inline; it must be a reference: "
                        + "secret: {credentialsId: …} (Jenkins) or secret: {env: VAR} (CLI), never the value "
                        + "(line 12, column 31)",
                "environments[0].container.env.SIGNING_KEY.plain: a key or certificate is written inline; reference it "
                        + "with secret: {credentialsId: …} or secret: {env: VAR} (line 13, column 30)",
                "environments[0].container.env.ALSO.secret: give exactly one of credentialsId (Jenkins) and env (CLI) "
                        + "(line 14, column 24)",
                "environments[0].container.env.FROM_ENV.secret.env: 's3cr3t value' is not an environment variable "
                        + "name; write the variable's name, never its value (line 15, column 34)");
    }

    @Test
    void shouldAcceptSecretReferencesForJenkinsAndTheCli() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                container:
                  env:
                    DB_PASSWORD: {secret: {env: SHOP_DB_PASSWORD}}
                    API_TOKEN: {secret: {credentialsId: shop-api-token}}
                    TOKEN_TTL: {plain: 30m}
                    EMPTY:
                """));

        List<EnvironmentVariable> env = descriptor.getEnvironments().get(0).getContainer().getEnv();
        assertThat(env).extracting(EnvironmentVariable::toString).containsExactly(
                "DB_PASSWORD=<environment variable SHOP_DB_PASSWORD>", "API_TOKEN=<credentials 'shop-api-token'>",
                "TOKEN_TTL=30m", "EMPTY=");
        assertThat(env.get(0).getSecret().getEnvironmentVariable()).isEqualTo("SHOP_DB_PASSWORD");
        assertThat(env.get(0).getSecret().isCredentials()).isFalse();
    }

    @Test
    void shouldValidateDockerHosts() {
        assertThat(environmentProblems("""
                hosts:
                  - docker.sock
                  - unix://var/run/docker.sock
                  - tcp://prod
                  - tcp://prod:99999
                  - url: unix:///var/run/docker.sock
                    tls: {credentialsId: tls}
                  - url: tcp://prod2:2376
                    tls: {cert: /cert.pem}
                  - url: tcp://prod3:2376
                    tls: {credentialsId: tls, key: /key.pem}
                """)).containsExactly(
                "environments[0].hosts[0]: 'docker.sock' is not a Docker URL; write unix:///var/run/docker.sock, "
                        + "tcp://host:2375 or tcp://host:2376 with tls (line 7, column 9)",
                "environments[0].hosts[1]: 'unix://var/run/docker.sock' needs an absolute socket path: "
                        + "unix:///var/run/docker.sock (line 8, column 9)",
                "environments[0].hosts[2]: 'tcp://prod' needs a port: tcp://prod:2375, or :2376 with tls (line 9, column 9)",
                "environments[0].hosts[3]: port 99999 is out of range (1-65535) (line 10, column 9)",
                "environments[0].hosts[4].tls: TLS applies only to tcp:// hosts (line 12, column 14)",
                "environments[0].hosts[5].tls.ca: is required; a file path; or give credentialsId instead of ca, cert "
                        + "and key (line 14, column 14)",
                "environments[0].hosts[5].tls.key: is required; a file path; or give credentialsId instead of ca, cert "
                        + "and key (line 14, column 14)",
                "environments[0].hosts[6].tls: give either credentialsId or the ca, cert and key paths, not both "
                        + "(line 16, column 14)");
    }

    @Test
    void shouldRefuseAHostListedTwiceOrTwoHostsWithOneName() {
        assertThat(environmentProblems("""
                hosts:
                  - tcp://a.example.com:2375
                  - tcp://a.example.com:2375
                  - {url: "tcp://b.example.com:2375", name: a.example.com}
                """)).containsExactly(
                "environments[0].hosts[1]: host tcp://a.example.com:2375 is listed twice (line 8, column 9)",
                "environments[0].hosts[2]: host name 'a.example.com' is used twice in this environment; give each host "
                        + "a distinct name (line 9, column 9)");
    }

    @Test
    void shouldRefusePortsCollidingOnOneHost() {
        assertThat(problems(HEADER + """
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {network: host}
                    instances: {ports: [8081, 8082, 8081]}
                  - name: production
                    hosts: [unix:///var/run/docker.sock, tcp://prod:2375]
                    container: {ports: ["8082:8080", "9000:9000"]}
                  - name: qa
                    hosts: [tcp://prod:2376]
                    container: {ports: ["9000:9000", "9000:9000/udp"]}
                """)).containsExactly(
                "environments[0].instances.ports: port 8081 on 127.0.0.1 is also used by this environment "
                        + "(environments[0].instances.ports) (line 8, column 24)",
                "environments[1].container.ports: port 8082/tcp on 127.0.0.1 is also used by environment staging "
                        + "(environments[0].instances.ports) (line 11, column 24)",
                "environments[2].container.ports: port 9000/tcp on prod is also used by environment production "
                        + "(environments[1].container.ports) (line 14, column 24)");
    }

    @Test
    void shouldRefuseContainerNamesCollidingOnOneEngine() {
        assertThat(problems(HEADER + """
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {name: shop}
                  - name: production
                    hosts: [unix:///var/run/docker.sock]
                    container: {name: shop}
                """)).containsExactly("environments[1].container.name: container name 'shop-1' on "
                + "unix:///var/run/docker.sock is also used by environment staging (environments[0].container.name) "
                + "(line 10, column 23)");
    }

    @Test
    void shouldRequireAPortPerInstance() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {ports: ["8080:80"]}
                instances: 3
                """)).containsExactly(
                "environments[0].container.ports: host port 8080 would be published by each of the 3 instances on one "
                        + "host; use instances.ports and instances.containerPort (line 7, column 24)",
                "environments[0].instances: each of the 3 instances on a host needs its own port: give "
                        + "instances.ports, a range such as 8081-8083 or a list (line 8, column 16)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                instances: {count: 2, ports: 8081-8083, containerPort: 8080}
                """)).containsExactly("environments[0].instances.ports: gives 3 ports for 2 instances; give one port "
                + "per instance (line 7, column 34)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                instances: {ports: 8083-8081}
                """)).containsExactly("environments[0].instances.ports: '8083-8081' is not a valid port range: from low "
                + "to high, within 1-65535, at most 100 ports (line 7, column 24)");
    }

    @Test
    void shouldCheckNetworkModes() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: host, ports: ["8080:8080"]}
                instances: {ports: [8081], containerPort: 8080}
                """)).containsExactly(
                "environments[0].container.ports: published ports do not apply with network host; each instance "
                        + "listens on its port from instances.ports (line 7, column 39)",
                "environments[0].instances.containerPort: applies only to bridge or named networks; with network host "
                        + "the instance listens on its own port (line 8, column 47)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: shop-net}
                instances: {ports: 8081-8082}
                """)).containsExactly("environments[0].instances.containerPort: is required with instances.ports on "
                + "network shop-net: the container port each instance port is published to (line 8, column 16)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: none}
                healthGate: {checks: [tcp]}
                """)).containsExactly("environments[0].healthGate.checks: the tcp check cannot reach a container with "
                + "network none; use the container check (line 8, column 26)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: "bad name"}
                """)).containsExactly("environments[0].container.network: 'bad name' is not a network mode; use host, "
                + "bridge, none or the name of a Docker network (line 7, column 26)");
    }

    @Test
    void shouldRequireAnInstancePortForTheLoadBalancerAndPortChecks() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                loadBalancer: {runtimeApi: 127.0.0.1:9999, backend: shop}
                """)).containsExactly("environments[0].instances: the load balancer needs the port of each instance: "
                + "give instances.ports (line 5, column 5)");
        ReleaseDescriptor published = DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                container: {ports: ["8080:80"]}
                healthGate: {checks: [{http: /health}]}
                """));
        assertThat(DescriptorRules.instancePort(published.getEnvironments().get(0), 1)).isEqualTo(8080);
    }

    @Test
    void shouldCheckTheStrategy() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                strategy: {type: recreate, batchSize: 2}
                """)).containsExactly("environments[0].strategy.batchSize: applies only to strategy rolling "
                + "(line 7, column 43)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                strategy: rollin
                """)).containsExactly("environments[0].strategy: unknown strategy 'rollin'; did you mean 'rolling'?; "
                + "use recreate or rolling (line 7, column 15)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                strategy: {type: rolling, batchSize: 2, canary: true}
                """)).containsExactly(
                "environments[0].strategy.batchSize: batch size 2 is larger than the 1 instance of this environment "
                        + "(line 7, column 42)",
                "environments[0].strategy.canary: a canary needs at least two instances (line 7, column 53)");
        assertThat(DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                strategy: recreate
                """)).getEnvironments().get(0).getStrategy().getType()).isEqualTo(StrategySpec.Type.RECREATE);
    }

    @Test
    void shouldCheckMaxUnavailableAndDefaultItToTheBatchSize() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                instances: {count: 3, ports: 8081-8083}
                strategy: {type: rolling, batchSize: 2, maxUnavailable: 1}
                """)).containsExactly("environments[0].strategy.batchSize: takes 2 servers out at once, more than "
                + "maxUnavailable 1 allows; lower batchSize or raise maxUnavailable (line 9, column 42)");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                strategy: {type: rolling, maxUnavailable: 0}
                """)).singleElement().asString().startsWith("environments[0].strategy.maxUnavailable:");
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                strategy: {type: recreate, maxUnavailable: 1}
                """)).containsExactly("environments[0].strategy.maxUnavailable: applies only to strategy rolling "
                + "(line 7, column 48)");
        assertThat(DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                instances: {count: 3, ports: 8081-8083}
                strategy: {type: rolling, batchSize: 2}
                """)).getEnvironments().get(0).getStrategy().getMaxUnavailable()).isEqualTo(2);
        assertThat(DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                instances: {count: 3, ports: 8081-8083}
                strategy: {type: rolling, maxUnavailable: 2}
                """)).getEnvironments().get(0).getStrategy().getMaxUnavailable()).isEqualTo(2);
        assertThat(DescriptorLoader.parse(environment("""
                hosts: [unix:///var/run/docker.sock]
                strategy: recreate
                """)).getEnvironments().get(0).getStrategy().getMaxUnavailable()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void shouldCheckTheLoadBalancer() {
        assertThat(problems(HEADER + """
                  - name: staging
                    hosts: [unix:///var/run/docker.sock, tcp://b:2375]
                    container: {network: host}
                    instances: {ports: 8081-8082}
                    loadBalancer: {runtimeApi: "haproxy.sock", backend: "shop staging", serverName: "{instance}",
                                   drainTimeout: 1 minute}
                  - name: production
                    hosts: [tcp://c:2375]
                    container: {network: host}
                    instances: {ports: [8081]}
                    loadBalancer: {runtimeApi: "haproxy.sock", backend: "shop staging", serverName: "{server}"}
                """)).containsExactly(
                "environments[0].loadBalancer.runtimeApi: 'haproxy.sock' is not a runtime API address; write a socket "
                        + "path such as /run/haproxy/admin.sock, or host:port such as 127.0.0.1:9999 (line 9, column 32)",
                "environments[0].loadBalancer.backend: 'shop staging' is not a valid HAProxy backend name "
                        + "(line 9, column 57)",
                "environments[0].loadBalancer.serverName: gives two servers the name '1'; use {host} and {instance} so "
                        + "that each instance has its own (line 9, column 85)",
                "environments[0].loadBalancer.drainTimeout: expected a duration such as 500ms, 30s, 5m or 1h, found "
                        + "'1 minute' (line 10, column 34)",
                "environments[1].loadBalancer.runtimeApi: 'haproxy.sock' is not a runtime API address; write a socket "
                        + "path such as /run/haproxy/admin.sock, or host:port such as 127.0.0.1:9999 (line 15, column 32)",
                "environments[1].loadBalancer.backend: 'shop staging' is not a valid HAProxy backend name "
                        + "(line 15, column 57)",
                "environments[1].loadBalancer.backend: backend 'shop staging' of haproxy.sock is also used by "
                        + "environment staging; each environment needs its own (line 15, column 57)",
                "environments[1].loadBalancer.serverName: unknown placeholder {server}; use {host}, {instance}, "
                        + "{environment} (line 15, column 85)");
    }

    @Test
    void shouldCheckTheHealthGate() {
        assertThat(environmentProblems("""
                hosts: [unix:///var/run/docker.sock]
                container: {ports: ["8080:80"]}
                healthGate:
                  timeout: 5s
                  interval: 10s
                  checks:
                    - http
                    - http: ftp://{address}/
                    - http: {url: "/{path}", status: 999}
                    - tcp: localhost
                    - smoke: {}
                    - {http: /a, tcp: b}
                    - container: {healthy: maybe}
                """)).containsExactly(
                "environments[0].healthGate.interval: the interval (10000ms) must be shorter than the timeout (5000ms) "
                        + "(line 10, column 17)",
                "environments[0].healthGate.checks[0].http: needs a URL: http: /health, or http: {url: …, status: 200} "
                        + "(line 12, column 11)",
                "environments[0].healthGate.checks[1].http: 'ftp://{address}/' is not an http(s) URL; write a path such "
                        + "as /health or http://{address}:{port}/health (line 13, column 17)",
                "environments[0].healthGate.checks[2].http.url: unknown placeholder {path}; use {address}, {port}, "
                        + "{host}, {instance}, {environment} (line 14, column 23)",
                "environments[0].healthGate.checks[2].http.status: must be between 100 and 599, found 999 "
                        + "(line 14, column 42)",
                "environments[0].healthGate.checks[3].tcp: 'localhost' is not host:port; for example {address}:{port} "
                        + "or 127.0.0.1:5432 (line 15, column 16)",
                "environments[0].healthGate.checks[4]: unknown check 'smoke'; use http, tcp, container or command "
                        + "(line 16, column 11)",
                "environments[0].healthGate.checks[5]: a check is one of http: …, tcp: …, container: … or command: … "
                        + "(line 17, column 11)",
                "environments[0].healthGate.checks[6].container.healthy: expected true or false, found 'maybe' "
                        + "(line 18, column 32)");
    }

    @Test
    void shouldCheckNamesAndTheImage() {
        assertThat(problems("""
                schemaVersion: 1
                application: shop
                image: Registry/Shop@sha256:abc
                environments:
                  - name: Staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {name: "-shop", labels: {io.releaseledger.version: "1"}}
                  - name: latest
                    hosts: [tcp://x:2375]
                    registryTags: {environment: true}
                """)).containsExactly(
                "image: write the repository without a digest; the release's digest is resolved when deploying "
                        + "(line 3, column 8)",
                "environments[0].name: 'Staging' is not a valid environment name: lower-case letters, digits, '_' and "
                        + "'-', at most 63 (it becomes a registry tag and part of container names) (line 5, column 11)",
                "environments[0].container.name: '-shop' is not a valid container name: start with a letter or digit, "
                        + "then letters, digits, '_', '.' and '-' (line 7, column 23)",
                "environments[0].container.labels.io.releaseledger.version: labels starting with 'io.releaseledger.' "
                        + "are set by Release Ledger itself (line 7, column 40)",
                "environments[1].registryTags.environment: an environment named 'latest' cannot be a registry tag; "
                        + "'latest' means what the release branch released (line 10, column 33)");
    }
}
