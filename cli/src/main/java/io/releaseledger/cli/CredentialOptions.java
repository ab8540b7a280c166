package io.releaseledger.cli;

import io.releaseledger.agent.AgentEnvironment;
import io.releaseledger.scm.GitCredentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where git credentials come from: the RELEASE_LEDGER_GIT_* environment variables, or files named here. No option
 * takes a secret as its value, since arguments show in {@code ps} and in build logs.
 */
final class CredentialOptions {
    @Option(names = "--username", paramLabel = "NAME",
            description = "HTTPS username (not a secret; default: $RELEASE_LEDGER_GIT_USERNAME).")
    private String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the HTTPS password from FILE (needs a username); trailing newlines are dropped.")
    private Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read an HTTPS token from FILE (username x-access-token unless given).")
    private Path tokenFile;

    @Option(names = "--ssh-key-file", paramLabel = "FILE",
            description = "SSH private key file; its passphrase comes from $RELEASE_LEDGER_GIT_SSH_PASSPHRASE.")
    private Path sshKeyFile;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Known-hosts file to verify SSH host keys (default: ~/.ssh/known_hosts).")
    private Path knownHosts;

    /**
     * The credential variables of {@code environment}, with the files given on the command line taking over:
     * a secret file replaces whatever secret of either kind the environment holds.
     */
    Map<String, String> effectiveEnvironment(final Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : AgentEnvironment.ALL) {
            if (environment.containsKey(name)) {
                variables.put(name, environment.get(name));
            }
        }
        if (passwordFile != null || tokenFile != null || sshKeyFile != null) {
            List.of(AgentEnvironment.GIT_PASSWORD, AgentEnvironment.GIT_TOKEN, AgentEnvironment.GIT_SSH_KEY,
                    AgentEnvironment.GIT_SSH_KEY_FILE).forEach(variables::remove);
        }
        if (sshKeyFile != null) {
            variables.remove(AgentEnvironment.GIT_USERNAME);
            variables.put(AgentEnvironment.GIT_SSH_KEY_FILE, sshKeyFile.toString());
        }
        if (username != null) {
            variables.put(AgentEnvironment.GIT_USERNAME, username);
        }
        if (passwordFile != null) {
            variables.put(AgentEnvironment.GIT_PASSWORD, SecretFiles.read(passwordFile, "password", "--password-file"));
        }
        if (tokenFile != null) {
            variables.put(AgentEnvironment.GIT_TOKEN, SecretFiles.read(tokenFile, "token", "--token-file"));
        }
        if (knownHosts != null) {
            variables.put(AgentEnvironment.GIT_KNOWN_HOSTS, knownHosts.toString());
        }
        return variables;
    }

    GitCredentials credentials(final Map<String, String> environment) {
        return AgentEnvironment.gitCredentials(effectiveEnvironment(environment));
    }
}
