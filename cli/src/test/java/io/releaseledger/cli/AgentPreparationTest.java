package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.agent.SmokeProtocol;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    @Test
    void shouldLeaveARequestFromAPipeToTheCommand() throws Exception {
        // --request <(echo "$REQUEST") names a pipe: its bytes can be read once, and the agent command must get them.
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "mkfifo makes a named pipe on Linux");
        Path fifo = dir.resolve("request.fifo");
        Path response = dir.resolve("response.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        String request = new AgentRequest(SemverTagOperation.NAME, dir.resolve("missing").toString(), Map.of()).toJson();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeOnce(fifo, request));
        String[] args = {"agent", "--request", fifo.toString(), "--response", response.toString()};

        Optional<Path> prepared = Main.repositoryToPrepare(args);
        CompletableFuture<Cli.Result> command = CompletableFuture.supplyAsync(() -> Cli.plain().run(args));
        Cli.Result result;
        try {
            result = command.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            CompletableFuture.runAsync(() -> writeOnce(fifo, "")); // the pipe was read before: let the command see its end
            result = command.get(30, TimeUnit.SECONDS);
        }

        writer.get(30, TimeUnit.SECONDS);
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(AgentResponse.fromJson(Files.readString(response)).getError())
                .as("the command read the request: it looked for the workspace").contains("does not exist");
        assertThat(prepared).isEmpty();
    }

    private static void writeOnce(final Path fifo, final String text) {
        try (OutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Optional<Path> workspace(final String... args) {
        return AgentPreparation.workspace(args);
    }
}
