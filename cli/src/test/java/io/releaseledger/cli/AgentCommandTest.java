package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.report.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
    private static final String TOKEN = "ghp_NotARealTokenButSecret0815";
    private static final Map<String, String> CREDENTIALS = Map.of("RELEASE_LEDGER_GIT_TOKEN", TOKEN);

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
    void shouldAnswerARequestOnStdout() {
        Path origin = repository.addBareOrigin(directory.resolve("origin.git"));
        String request = new AgentRequest("semverTag", workTree, Map.of("prefix", "v", "push", true)).toJson();

        Cli.Result result = Cli.withEnvironment(CREDENTIALS).stdin(request).run("agent");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out.strip()).doesNotContain("\n");
        assertThat(result.err).isEmpty();
        AgentResponse response = AgentResponse.fromJson(result.out);
        assertThat(response.isOk()).isTrue();
        assertThat(response.getResult()).containsEntry("version", "1.4.0").containsEntry("tag", "v1.4.0")
                .containsEntry("previousVersion", "1.3.2").containsEntry("bump", "MINOR")
                .containsEntry("tagCreated", true).containsEntry("pushed", true);
        assertThat(response.getMessages()).extracting(Message::getText).anyMatch(text -> text.contains("Pushed"));
        assertThat(GitFixture.tagsOf(origin)).contains("v1.4.0");
    }

    @Test
    void shouldReadTheRequestFromAFileAndWriteTheResponseToAFileWithoutStdin() throws Exception {
        // docker exec without -i and the Kubernetes container decorator carry no stdin: the plugin passes files.
        Path request = directory.resolve("request.json");
        Path response = directory.resolve("response.json");
        Files.writeString(request, new AgentRequest("semverTag", workTree, Map.of("dryRun", true)).toJson());

        Cli.Result result = Cli.withEnvironment(CREDENTIALS).run("agent", "--request", request.toString(),
                "--response", response.toString());

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).isEmpty();
        assertThat(AgentResponse.fromJson(Files.readString(response)).getResult()).containsEntry("version", "1.4.0");
        if (Files.getFileStore(response).supportsFileAttributeView(PosixFileAttributeView.class)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(response))).isEqualTo("rw-r--r--");
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void shouldAnswerAnUnreadableRequestFileInTheResponseFile() throws Exception {
        Path response = directory.resolve("response.json");

        Cli.Result result = Cli.plain().run("agent", "--request", directory.resolve("missing.json").toString(),
                "--response", response.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(AgentResponse.fromJson(Files.readString(response)).getError())
                .contains("cannot read the agent request from").contains("missing.json");
    }

    @Test
    void shouldRefuseARequestOverTheLimitFromAFileOrStdin() throws Exception {
        // Valid JSON, padded past 16 MiB: refused before it is parsed, from either source.
        String request = new AgentRequest("semverTag", workTree, Map.of("dryRun", true)).toJson()
                + " ".repeat(16 * 1024 * 1024);
        Path requestFile = directory.resolve("request.json");
        Files.writeString(requestFile, request);
        Path response = directory.resolve("response.json");

        Cli.Result fromFile = Cli.plain().run("agent", "--request", requestFile.toString(), "--response",
                response.toString());
        Cli.Result fromStdin = Cli.plain().stdin(request).run("agent");

        assertThat(fromFile.exitCode).as(fromFile.toString()).isEqualTo(1);
        assertThat(AgentResponse.fromJson(Files.readString(response)).getError())
                .isEqualTo("the agent request from " + requestFile
                        + " is larger than 16 MiB (16777216 bytes), the most an agent reads; it was not read");
        assertThat(fromStdin.exitCode).as(fromStdin.toString()).isEqualTo(1);
        assertThat(AgentResponse.fromJson(fromStdin.out).getError())
                .startsWith("the agent request from stdin is larger than 16 MiB");
    }

    @Test
    void shouldChangeNothingForADryRunRequest() {
        Map<String, String> before = repository.refs();
        String request = new AgentRequest("semverTag", workTree, Map.of("dryRun", true)).toJson();

        Cli.Result result = Cli.plain().stdin(request).run("agent");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(AgentResponse.fromJson(result.out).getResult()).containsEntry("dryRun", true)
                .containsEntry("version", "1.4.0");
        assertThat(repository.refs()).isEqualTo(before);
    }

    @Test
    void shouldAnswerBadRequestsWithAnError() {
        Map<String, String> answers = Map.of(
                "not json", "the agent request is not valid: invalid JSON at line 1, column 1",
                "{\"protocol\": 2, \"operation\": \"semverTag\", \"workspace\": \"/ws\"}",
                "the agent request uses agent protocol 2 but this side speaks version 1",
                "{\"protocol\": 1, \"operation\": \"deploy\", \"workspace\": \"/ws\"}",
                "unknown operation \"deploy\"; this agent knows semverTag",
                "{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": \"/ws\", \"options\": {\"prefx\": \"v\"}}",
                "unknown option \"prefx\" for semverTag",
                "{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": \"/ws\", \"options\": {\"credentials\": \"x\"}}",
                "credentials are never accepted in the request");

        answers.forEach((request, error) -> {
            Cli.Result result = Cli.plain().stdin(request).run("agent");

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            AgentResponse response = AgentResponse.fromJson(result.out);
            assertThat(response.isOk()).isFalse();
            assertThat(response.getError()).startsWith(error);
        });
        assertThat(repository.tags()).containsExactly("v1.3.2");
    }

    @Test
    void shouldReportGitErrorsInTheResponse() {
        String request = new AgentRequest("semverTag", directory.resolve("missing").toString(), Map.of()).toJson();

        Cli.Result result = Cli.plain().stdin(request).run("agent");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(AgentResponse.fromJson(result.out).getError()).contains("does not exist");
    }

    @Test
    void shouldNeverShowTheTokenEvenWhenThePushFails() {
        repository.setOrigin("http://127.0.0.1:" + GitFixture.closedPort() + "/repo.git");
        String request = new AgentRequest("semverTag", workTree, Map.of()).toJson();

        for (List<String> args : List.of(List.of("agent"), List.of("--debug", "agent"))) {
            Cli.Result result = Cli.withEnvironment(CREDENTIALS).stdin(request).run(args.toArray(String[]::new));

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            AgentResponse response = AgentResponse.fromJson(result.out);
            assertThat(response.isOk()).isFalse();
            assertThat(response.getError()).isNotBlank();
            assertThat(result.out + result.err).doesNotContain(TOKEN);
        }
        assertThat(repository.tags()).containsExactly("v1.3.2");
    }
}
