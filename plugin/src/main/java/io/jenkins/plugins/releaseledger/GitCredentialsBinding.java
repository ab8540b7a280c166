package io.jenkins.plugins.releaseledger;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Resolves a step's {@code credentialsId} as the build may see it, and turns it into {@link GitEnvironment}. */
final class GitCredentialsBinding {
    private GitCredentialsBinding() {
    }

    static Map<String, String> environmentFor(final String stepName, final String credentialsId, final Run<?, ?> run)
            throws AbortException {
        if (credentialsId == null) {
            return GitEnvironment.none();
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(stepName + ": no credentials with ID '" + credentialsId + "' are available to this "
                    + "build; add them to the job's folder or the global store, or fix credentialsId");
        }
        CredentialsProvider.track(run, credentials);
        if (credentials instanceof StandardUsernamePasswordCredentials userPassword) {
            return GitEnvironment.usernamePassword(userPassword.getUsername(), userPassword.getPassword().getPlainText());
        }
        if (credentials instanceof StringCredentials secretText) {
            return GitEnvironment.token(secretText.getSecret().getPlainText());
        }
        if (credentials instanceof SSHUserPrivateKey sshKey) {
            if (sshKey.getPrivateKeys().isEmpty() || sshKey.getPrivateKeys().get(0).isBlank()) {
                throw new AbortException(stepName + ": the SSH credentials '" + credentialsId + "' hold no private key");
            }
            Secret passphrase = sshKey.getPassphrase();
            return GitEnvironment.sshKey(sshKey.getPrivateKeys(), passphrase == null ? null : passphrase.getPlainText());
        }
        throw new AbortException(stepName + ": credentials '" + credentialsId + "' are of an unsupported kind ("
                + credentials.getClass().getSimpleName() + "); use 'Username with password', 'Secret text' (a token) "
                + "or 'SSH Username with private key'");
    }
}
