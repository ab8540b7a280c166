package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.releaseledger.agent.AgentRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the step does on an agent, without Jenkins: the request the step builds, the CLI jar the plugin ships,
 * started as {@code java -jar … agent} with the environment the step passes, and the answer read back.
 * Only the Launcher and FilePath glue is left to the JenkinsRule tests of the plugin.
 */
class AgentRoundTripTest {
    @TempDir
    Path temp;

    private Path repository;
    private Path jar;

    @BeforeEach
    void createRepositoryAndInstallTheJar() throws Exception {
        assumeTrue(gitAvailable(), "C git is needed to create the test repository");
        repository = temp.resolve("ws");
        Files.createDirectories(repository);
        git("init", "-q", "-b", "main");
        commit("feat: first feature");
        git("tag", "-a", "v1.2.0", "-m", "1.2.0");
        commit("fix: a bug");
        jar = temp.resolve("ws@tmp").resolve(AgentJar.fileName());
        Files.createDirectories(jar.getParent());
        try (InputStream in = AgentJar.resource().openStream()) {
            Files.copy(in, jar);
        }
    }

    @Test
    void shouldTagTheNextVersionThroughTheShippedAgent() throws Exception {
        SemverTagStep step = new SemverTagStep();
        step.setPush(false);

        AgentOutcome outcome = runAgent(step, repository, Map.of());

        assertThat(outcome.isOk()).as(outcome.getError()).isTrue();
        SemverTagAction action = SemverTagAction.fromResult(outcome.getResult());
        assertThat(action.getVersion()).isEqualTo("1.2.1");
        assertThat(action.getTag()).isEqualTo("v1.2.1");
        assertThat(action.getPreviousVersion()).isEqualTo("1.2.0");
        assertThat(action.isTagCreated()).isTrue();
        assertThat(action.isPushed()).isFalse();
        assertThat(git("tag", "-l", "v1.2.1").strip()).isEqualTo("v1.2.1");
    }

    @Test
    void shouldReportAFailureWithoutLeakingTheSecret() throws Exception {
        String password = "correct-horse-battery-staple";
        Path notARepository = Files.createDirectories(temp.resolve("empty"));

        AgentOutcome outcome = runAgent(new SemverTagStep(), notARepository,
                GitEnvironment.usernamePassword("ci", password));

        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.failureMessage("semverTag")).startsWith("semverTag: ").contains("repository")
                .doesNotContain(password);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        outcome.report(new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(password);
        assertThat(git("tag", "-l").strip()).isEqualTo("v1.2.0");
    }

    private AgentOutcome runAgent(final SemverTagStep step, final Path workspace, final Map<String, String> secrets)
            throws IOException, InterruptedException {
        AgentRequest request = SemverTagOptions.request(step, workspace.toString(), Map.of());
        Map<String, String> environment = new HashMap<>(System.getenv());
        String java = AgentCommand.javaExecutable(Map.of("JAVA_HOME", System.getProperty("java.home")), !isWindows());
        ProcessBuilder builder = new ProcessBuilder(AgentCommand.command(java, jar.toString()))
                .directory(workspace.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(secrets);
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(request.toJson().getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("agent finished").isTrue();
        return AgentOutcome.of(stdout, process.exitValue(), secrets.values());
    }

    private void commit(final String message) throws IOException, InterruptedException {
        Files.writeString(repository.resolve("file.txt"), message, StandardCharsets.UTF_8);
        git("add", "file.txt");
        git("commit", "-q", "-m", message);
    }

    private String git(final String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
