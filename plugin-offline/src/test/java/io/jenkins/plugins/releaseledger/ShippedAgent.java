package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped CLI jar, started as {@link AgentLauncher} starts it, without Jenkins: installed once into the
 * workspace's {@code @tmp} under {@link AgentJar#fileName()}, the command line of {@link AgentCommand} (no
 * {@code JAVA_HOME}, this JVM's Java as the agent JVM's), the request and response as files, stdin closed at once
 * (as {@code docker exec} without {@code -i}), stdout and stderr through {@link MaskedLogStream}. Only the Launcher
 * and FilePath glue is left to the JenkinsRule tests.
 */
final class ShippedAgent {
    private final Path workspace;
    private final Path temp;
    private final Path jar;
    private Map<String, String> environment = new HashMap<>(System.getenv());

    ShippedAgent(final Path workspace) throws IOException {
        this.workspace = workspace;
        this.temp = Files.createDirectories(workspace.resolveSibling(workspace.getFileName() + "@tmp"));
        this.jar = temp.resolve(AgentJar.fileName());
        if (!Files.exists(jar)) {
            try (InputStream in = AgentJar.resource().openStream()) {
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        environment.remove(AgentCommand.JAVA_HOME);
    }

    /** Replaces the build's environment the agent starts with (before the secrets are added). */
    ShippedAgent withEnvironment(final Map<String, String> buildEnvironment) {
        this.environment = new HashMap<>(buildEnvironment);
        return this;
    }

    AgentOutcome run(final AgentRequest request, final Map<String, String> secrets, final PrintStream log)
            throws IOException, InterruptedException {
        Path requestFile = Files.createTempFile(temp, "release-ledger-request-", ".json");
        Path responseFile = temp.resolve(requestFile.getFileName().toString().replace("-request-", "-response-"));
        try {
            if (!isWindows()) {
                Files.setPosixFilePermissions(requestFile, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(requestFile, request.toJson(), StandardCharsets.UTF_8);
            List<String> command = AgentCommand.command(environment, !isWindows(), System.getProperty("java.home"),
                    jar.toString(), requestFile.toString(), responseFile.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(AgentLauncher.processEnvironment(environment, secrets));
            Process process = builder.start();
            process.getOutputStream().close();
            try (MaskedLogStream out = new MaskedLogStream(log, new SecretMask(secrets.values()));
                    InputStream in = process.getInputStream()) {
                in.transferTo(out);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the agent did not finish in 120 s");
            }
            if (!Files.exists(responseFile)) {
                return AgentOutcome.of(null, process.exitValue(), secrets.values());
            }
            try (InputStream in = Files.newInputStream(responseFile)) {
                String response = BoundedText.read(in, BoundedText.RESPONSE_LIMIT);
                return response == null ? AgentOutcome.tooLarge(BoundedText.RESPONSE_LIMIT, secrets.values())
                        : AgentOutcome.of(response, process.exitValue(), secrets.values());
            }
        } finally {
            Files.deleteIfExists(requestFile);
            Files.deleteIfExists(responseFile);
        }
    }

    Path temp() {
        return temp;
    }

    static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
