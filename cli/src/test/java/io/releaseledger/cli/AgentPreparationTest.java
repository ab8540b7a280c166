package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.agent.SmokeProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which repository the agent process opens beside picocli's set-up: a semverTag request's workspace, nothing else. */
class AgentPreparationTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindTheWorkspaceOfASemverTagRequestInTheFileThePluginPasses() throws IOException {
        Path request = write("request.json", new AgentRequest(SemverTagOperation.NAME, "/agent/ws/app",
                Map.of("prefix", "v", "push", true)).toJson());

        assertThat(workspace("agent", "--request", request.toString(), "--response", "r.json"))
                .contains(Path.of("/agent/ws/app"));
        assertThat(workspace("agent", "--response", "r.json", "--request=" + request))
                .contains(Path.of("/agent/ws/app"));
    }

    @Test
    void shouldBeWhatMainOpensBesidePicocli() throws IOException {
        Path request = write("request.json",
                new AgentRequest(SemverTagOperation.NAME, "/agent/ws/app", Map.of()).toJson());

        assertThat(Main.repositoryToPrepare(new String[] {"agent", "--request", request.toString(), "--response",
                "r"})).contains(Path.of("/agent/ws/app"));
        assertThat(Main.repositoryToPrepare(new String[] {"version", "-C", "work"})).contains(Path.of("work"));
        assertThat(Main.repositoryToPrepare(new String[] {"status", "--request", request.toString()})).isEmpty();
    }

    @Test
    void shouldPrepareNothingForAnotherOperationOrARequestItCannotRead() throws IOException {
        Path smoke = write("smoke.json", new AgentRequest(SmokeProtocol.RUN, "/agent/ws/app", Map.of()).toJson());
        Path broken = write("broken.json", "{\"protocol\": 1, \"operation\": \"semverTag\"");
        Path large = write("large.json", new AgentRequest(SemverTagOperation.NAME, "/agent/ws/app",
                Map.of("paths", "x".repeat((int) AgentPreparation.SMALL_REQUEST))).toJson());

        assertThat(workspace("agent", "--request", smoke.toString())).isEmpty();
        assertThat(workspace("agent", "--request", broken.toString())).isEmpty();
        assertThat(workspace("agent", "--request", large.toString())).isEmpty();
        assertThat(workspace("agent", "--request", dir.resolve("missing.json").toString())).isEmpty();
        assertThat(workspace("agent")).isEmpty(); // the request comes on stdin
        assertThat(workspace("agent", "--request")).isEmpty();
    }

    @Test
    void shouldReadNoOptionAfterTheEndOfOptions() throws IOException {
        Path smoke = write("smoke.json", new AgentRequest(SmokeProtocol.RUN, "/a", Map.of()).toJson());
        Path semverTag = write("semverTag.json", new AgentRequest(SemverTagOperation.NAME, "/b", Map.of()).toJson());

        assertThat(workspace("agent", "--request", semverTag.toString(), "--", "--request", smoke.toString()))
                .contains(Path.of("/b"));
        assertThat(workspace("agent", "--", "--request", semverTag.toString())).isEmpty();
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Optional<Path> workspace(final String... args) {
        return AgentPreparation.workspace(args);
    }
}
