package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one agent request where the workspace is: installs the CLI jar once per workspace (see {@link AgentJar}),
 * passes the request and the response as files in the workspace's {@code @tmp} (a container started with
 * {@code docker exec} without {@code -i}, or the Kubernetes container decorator, carries no stdin), starts
 * {@code java -jar … agent} through the build's {@link Launcher} with the secrets in its environment, and prints
 * its stdout and stderr (the progress) to the build log, masked.
 */
final class AgentLauncher {
    /** Owner read and write only: the request names the workspace and the options, others on the agent need not. */
    static final int REQUEST_MODE = 0600;

    private AgentLauncher() {
    }

    static AgentOutcome run(final String stepName, final AgentRequest request, final Map<String, String> secrets, final FilePath workspace,
            final Launcher launcher, final Map<String, String> environment, final TaskListener listener)
            throws IOException, InterruptedException {
        FilePath directory = tempDirectory(stepName, workspace, environment);
        FilePath jar = install(directory);
        FilePath requestFile = directory.createTempFile("release-ledger-request-", ".json");
        FilePath responseFile = directory.child(requestFile.getName().replace("-request-", "-response-"));
        SecretMask mask = new SecretMask(secrets.values());
        try {
            requestFile.chmod(REQUEST_MODE);
            requestFile.write(request.toJson(), "UTF-8");
            // the agent JVM's java.home only where the build's JAVA_HOME does not choose the Java: a round trip
            String agentJavaHome = AgentCommand.javaHome(environment) == null ? AgentJava.home(workspace) : null;
            String jvmKey = AgentJvmKey.of(environment, launcher.isUnix(), agentJavaHome,
                    home -> new AgentDirectory(new FilePath(workspace.getChannel(), home)));
            AgentDirectory agentDirectory = new AgentDirectory(directory);
            AgentStartup startup = AgentStartup.of(agentDirectory, jar.getName(), request.getOperation(), jvmKey);
            if (launcher.isUnix()) {
                startup.askForHugePagesWhereGiven(new AgentDirectory(
                        new FilePath(workspace.getChannel(), AgentStartup.TRANSPARENT_HUGE_PAGES)));
            }
            List<String> command = AgentCommand.command(environment, launcher.isUnix(), agentJavaHome,
                    jar.getRemote(), startup.options(directory.getRemote(), launcher.isUnix() ? "/" : "\\"),
                    requestFile.getRemote(), responseFile.getRemote());
            int exitCode;
            try (MaskedLogStream out = new MaskedLogStream(listener.getLogger(), mask);
                    MaskedLogStream err = new MaskedLogStream(listener.getLogger(), mask)) {
                exitCode = launcher.launch()
                        .cmds(command)
                        .envs(processEnvironment(environment, secrets))
                        .pwd(workspace)
                        .stdout(out)
                        .stderr(err)
                        .quiet(true)
                        .join();
            }
            startup.keep(agentDirectory, exitCode);
            return outcome(responseFile, exitCode, secrets);
        } finally {
            deleteQuietly(requestFile);
            deleteQuietly(responseFile);
        }
    }

    /** The agent process's environment: the build's, plus the secrets of this request. */
    static Map<String, String> processEnvironment(final Map<String, String> environment, final Map<String, String> secrets) {
        Map<String, String> processEnvironment = new HashMap<>(environment);
        processEnvironment.putAll(secrets);
        return processEnvironment;
    }

    private static AgentOutcome outcome(final FilePath responseFile, final int exitCode, final Map<String, String> secrets)
            throws IOException, InterruptedException {
        if (!responseFile.exists()) {
            return AgentOutcome.of(null, exitCode, secrets.values());
        }
        String response;
        try (InputStream in = responseFile.read()) {
            response = BoundedText.read(in, BoundedText.RESPONSE_LIMIT);
        }
        if (response == null) {
            return AgentOutcome.tooLarge(BoundedText.RESPONSE_LIMIT, secrets.values());
        }
        return AgentOutcome.of(response, exitCode, secrets.values());
    }

    /** The {@code @tmp} of the node block's workspace (or of the step's directory outside it). */
    private static FilePath tempDirectory(final String stepName, final FilePath workspace, final Map<String, String> environment)
            throws IOException, InterruptedException {
        String top = AgentJar.cacheWorkspace(workspace.getRemote(), environment.get(AgentJar.WORKSPACE));
        FilePath directory = WorkspaceList.tempDir(top.equals(workspace.getRemote())
                ? workspace : new FilePath(workspace.getChannel(), top));
        if (directory == null) {
            throw new AbortException(stepName + ": the workspace " + top + " has no parent directory for the "
                    + "Release Ledger agent; use a workspace below the agent's root");
        }
        directory.mkdirs();
        return directory;
    }

    /** Copies the jar unless this plugin build's copy is already there, whole. */
    private static FilePath install(final FilePath directory) throws IOException, InterruptedException {
        AgentJarInstall.install(new AgentDirectory(directory), AgentJar.fileName(), AgentJar.size());
        return directory.child(AgentJar.fileName());
    }

    private static void deleteQuietly(final FilePath file) throws InterruptedException {
        try {
            file.delete();
        } catch (IOException e) {
            // left in @tmp; the next run does not read it
        }
    }

    /** The file operations on the agent, through {@link FilePath}. */
    private static final class AgentDirectory implements AgentJarInstall.Directory {
        private final FilePath directory;

        AgentDirectory(final FilePath directory) {
            this.directory = directory;
        }

        @Override
        public boolean exists(final String name) throws IOException, InterruptedException {
            return directory.child(name).exists();
        }

        @Override
        public long length(final String name) throws IOException, InterruptedException {
            return directory.child(name).length();
        }

        @Override
        public String createTempFile(final String prefix, final String suffix) throws IOException, InterruptedException {
            return directory.createTempFile(prefix, suffix).getName();
        }

        @Override
        public void copyJarTo(final String name) throws IOException, InterruptedException {
            directory.child(name).copyFrom(AgentJar.resource());
        }

        @Override
        public void rename(final String from, final String to) throws IOException, InterruptedException {
            directory.child(from).renameTo(directory.child(to));
        }

        @Override
        public void delete(final String name) throws IOException, InterruptedException {
            directory.child(name).delete();
        }

        @Override
        public String read(final String name, final int limit) throws IOException, InterruptedException {
            try (InputStream in = directory.child(name).read()) {
                return BoundedText.read(in, limit);
            }
        }
    }
}
