package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.releaseledger.agent.AgentRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the step does on an agent, without Jenkins: the request the step builds, the CLI jar the plugin ships,
 * started as the step starts it ({@link ShippedAgent}), and the answer read back from the response file.
 */
class AgentRoundTripTest {
    @TempDir
    Path temp;

    private Path repository;

    @BeforeEach
    void createRepositoryAndInstallTheJar() throws Exception {
        assumeTrue(gitAvailable(), "C git is needed to create the test repository");
        repository = temp.resolve("ws");
        Files.createDirectories(repository);
        git("init", "-q", "-b", "main");
        commit("feat: first feature");
        git("tag", "-a", "v1.2.0", "-m", "1.2.0");
        commit("fix: a bug");
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

    @Test
    void shouldMaskTheSecretInWhatTheAgentPrintsToStderr() throws Exception {
        // The agent's own error output (a JVM failure, a stack trace) goes to the build log: it passes the mask.
        String password = "correct-horse-battery-staple";
        Map<String, String> badJava = new HashMap<>(System.getenv());
        badJava.put("JAVA_TOOL_OPTIONS", "-Dleak=" + password);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        runAgent(new SemverTagStep(), repository, GitEnvironment.usernamePassword("ci", password),
                new ShippedAgent(repository).withEnvironment(badJava), log);

        // the JVM prints "Picked up JAVA_TOOL_OPTIONS: -Dleak=<value>" on stderr
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Picked up JAVA_TOOL_OPTIONS").contains("-Dleak=****")
                .doesNotContain(password);
    }

    private AgentOutcome runAgent(final SemverTagStep step, final Path workspace, final Map<String, String> secrets)
            throws IOException, InterruptedException {
        return runAgent(step, workspace, secrets, new ShippedAgent(workspace), new ByteArrayOutputStream());
    }

    private AgentOutcome runAgent(final SemverTagStep step, final Path workspace, final Map<String, String> secrets,
            final ShippedAgent agent, final ByteArrayOutputStream log) throws IOException, InterruptedException {
        AgentRequest request = SemverTagOptions.request(step, workspace.toString(), Map.of());
        return agent.run(request, secrets, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldStartWithTheAgentJvmsJavaWhenJavaIsNotOnThePath() throws Exception {
        assumeTrue(!ShippedAgent.isWindows(), "the PATH fallback runs through /bin/sh");
        Map<String, String> noJava = new HashMap<>(System.getenv());
        noJava.remove("JAVA_HOME");
        noJava.put("PATH", temp.resolve("no-java-here").toString());
        SemverTagStep step = new SemverTagStep();
        step.setPush(false);
        step.setDryRun(true);

        AgentOutcome outcome = runAgent(step, repository, Map.of(), new ShippedAgent(repository).withEnvironment(noJava),
                new ByteArrayOutputStream());

        assertThat(outcome.isOk()).as(outcome.getError()).isTrue();
        assertThat(SemverTagAction.fromResult(outcome.getResult()).getVersion()).isEqualTo("1.2.1");
    }

    @Test
    void shouldLeaveNoRequestOrResponseFileAndCopyTheJarOnce() throws Exception {
        ShippedAgent agent = new ShippedAgent(repository);
        SemverTagStep step = new SemverTagStep();
        step.setDryRun(true);

        runAgent(step, repository, Map.of(), agent, new ByteArrayOutputStream());
        runAgent(step, repository, Map.of(), new ShippedAgent(repository), new ByteArrayOutputStream());

        try (Stream<Path> files = Files.list(agent.temp())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(AgentJar.fileName());
        }
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

}
