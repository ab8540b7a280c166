package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's JSON output is masked value by value: a secret that looks like JSON syntax cannot break it. */
class OutputMaskingTest {
    /** Secrets equal to a JSON literal and to a value the output holds. */
    private static final Map<String, String> SECRETS = Map.of("RELEASE_LEDGER_GIT_TOKEN", "true",
            "RELEASE_LEDGER_REGISTRY_PASSWORD", "MINOR");

    @TempDir
    Path directory;

    private GitFixture repository;
    private String workTree;

    @BeforeEach
    void createRepository() {
        repository = GitFixture.create(directory.resolve("work"));
        workTree = repository.getWorkTree().toString();
        repository.commit("fix: first");
        repository.tag("v1.3.2");
        repository.commit("feat: login");
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    @Test
    void shouldAnswerTheAgentProtocolWithValidJsonWhateverTheSecrets() {
        String request = new AgentRequest("semverTag", workTree, Map.of("dryRun", true)).toJson();

        Cli.Result result = Cli.withEnvironment(SECRETS).stdin(request).run("agent");

        assertThat(result.exitCode).as(result.toString()).isZero();
        AgentResponse response = AgentResponse.fromJson(result.out);
        assertThat(response.isOk()).isTrue();
        assertThat(response.getResult()).containsEntry("dryRun", true).containsEntry("version", "1.4.0")
                .containsEntry("bump", "****");
    }

    @Test
    void shouldPrintValidJsonForTagWhateverTheSecrets() {
        Cli.Result result = Cli.withEnvironment(SECRETS).run("tag", "--json", "--dry-run", "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> json = Json.parseObject(result.out);
        assertThat(json).containsEntry("dryRun", true).containsEntry("version", "1.4.0").containsEntry("bump", "****");
    }
}
