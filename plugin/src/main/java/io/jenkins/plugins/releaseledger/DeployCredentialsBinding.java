package io.jenkins.plugins.releaseledger;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves the credentials a deploy needs as the build may see them (tracking their use) and turns them into the
 * agent's environment: the registry's username/password and every id of {@link DeployCredentialVariables#of}.
 */
final class DeployCredentialsBinding {
    private DeployCredentialsBinding() {
    }

    static Map<String, String> environment(final String stepName, final Run<?, ?> run, final String registryCredentialsId,
            final Map<String, Map<String, String>> credentials) throws AbortException {
        Map<String, String> environment = new LinkedHashMap<>();
        if (registryCredentialsId != null) {
            StandardCredentials found = find(stepName, run, registryCredentialsId, "registryCredentialsId");
            if (!(found instanceof StandardUsernamePasswordCredentials userPassword)) {
                throw unsupported(stepName, registryCredentialsId, found, "'Username with password'");
            }
            environment.putAll(DeployCredentialVariables.registry(userPassword.getUsername(),
                    userPassword.getPassword().getPlainText()));
        }
        for (Map.Entry<String, Map<String, String>> entry : credentials.entrySet()) {
            String id = entry.getKey();
            String variable = entry.getValue().get("variable");
            StandardCredentials found = find(stepName, run, id, "the release descriptor");
            if (DeployCredentialVariables.SECRET.equals(entry.getValue().get("kind"))) {
                if (!(found instanceof StringCredentials secretText)) {
                    throw unsupported(stepName, id, found, "'Secret text'");
                }
                environment.putAll(DeployCredentialVariables.secretText(variable, secretText.getSecret().getPlainText()));
            } else {
                if (!(found instanceof DockerServerCredentials tls)) {
                    throw unsupported(stepName, id, found, "'X.509 Client Certificate' (Docker Commons)");
                }
                Secret key = tls.getClientKeySecret();
                String keyText = key == null ? null : key.getPlainText();
                String problem = DeployCredentialVariables.dockerTlsProblem(id, tls.getServerCaCertificate(),
                        tls.getClientCertificate(), keyText);
                if (problem != null) {
                    throw new AbortException(stepName + ": " + problem);
                }
                environment.putAll(DeployCredentialVariables.dockerTls(variable, tls.getServerCaCertificate(),
                        tls.getClientCertificate(), keyText));
            }
        }
        return environment;
    }

    private static StandardCredentials find(final String stepName, final Run<?, ?> run, final String id, final String where)
            throws AbortException {
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (found == null) {
            throw new AbortException(stepName + ": no credentials with ID '" + id + "' (from " + where + ") are "
                    + "available to this build; add them to the job's folder or the global store, or fix the ID");
        }
        CredentialsProvider.track(run, found);
        return found;
    }

    private static AbortException unsupported(final String stepName, final String id, final StandardCredentials found,
            final String expected) {
        return new AbortException(stepName + ": credentials '" + id + "' are of the wrong kind ("
                + found.getClass().getSimpleName() + "); use " + expected);
    }
}
