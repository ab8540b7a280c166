package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.releaseledger.agent.AgentRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one agent request where the workspace is: copies the CLI jar next to the workspace, starts
 * {@code java -jar … agent} through the build's {@link Launcher}, request on stdin, secrets in the environment.
 */
final class AgentLauncher {
    private AgentLauncher() {
    }

    static AgentOutcome run(final String stepName, final AgentRequest request, final Map<String, String> secrets, final FilePath workspace,
            final Launcher launcher, final Map<String, String> environment, final TaskListener listener)
            throws IOException, InterruptedException {
        FilePath jar = install(stepName, workspace);

        Map<String, String> processEnvironment = new HashMap<>(environment);
        processEnvironment.putAll(secrets);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exitCode = launcher.launch()
                .cmds(AgentCommand.command(AgentCommand.javaExecutable(environment, launcher.isUnix()), jar.getRemote()))
                .envs(processEnvironment)
                .pwd(workspace)
                .stdin(new ByteArrayInputStream(request.toJson().getBytes(StandardCharsets.UTF_8)))
                .stdout(stdout)
                .stderr(listener.getLogger())
                .quiet(true)
                .join();
        return AgentOutcome.of(stdout.toString(StandardCharsets.UTF_8), exitCode, secrets.values());
    }

    /** Copies the jar into the workspace's {@code @tmp} sibling unless this plugin build's copy is already there. */
    private static FilePath install(final String stepName, final FilePath workspace) throws IOException, InterruptedException {
        FilePath directory = WorkspaceList.tempDir(workspace);
        if (directory == null) {
            throw new AbortException(stepName + ": the workspace " + workspace.getRemote() + " has no parent directory for the "
                    + "Release Ledger agent; use a workspace below the agent's root");
        }
        FilePath jar = directory.child(AgentJar.fileName());
        if (!jar.exists()) {
            directory.mkdirs();
            // Concurrent builds may share the directory: copy to a unique name, then move into place.
            FilePath partial = directory.createTempFile("release-ledger-cli", ".part");
            try {
                partial.copyFrom(AgentJar.resource());
                partial.renameTo(jar);
            } catch (IOException e) {
                if (!jar.exists()) {
                    throw e;
                }
                // another build moved its copy into place first
            } finally {
                if (partial.exists()) {
                    partial.delete();
                }
            }
        }
        return jar;
    }
}
