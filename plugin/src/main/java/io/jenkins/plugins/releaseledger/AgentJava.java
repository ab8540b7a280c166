package io.jenkins.plugins.releaseledger;

import hudson.FilePath;
import hudson.util.RemotingDiagnostics;
import java.io.IOException;

/** The Java of the Jenkins agent's own JVM, for an agent process where no other Java is found (see AgentCommand). */
final class AgentJava {
    private AgentJava() {
    }

    /** {@code java.home} of the JVM that serves this workspace (the agent's, or the controller's on the built-in node). */
    static String home(final FilePath workspace) throws IOException, InterruptedException {
        Object home = RemotingDiagnostics.getSystemProperties(workspace.getChannel()).get("java.home");
        return home instanceof String text && !text.isBlank() ? text : null;
    }
}
