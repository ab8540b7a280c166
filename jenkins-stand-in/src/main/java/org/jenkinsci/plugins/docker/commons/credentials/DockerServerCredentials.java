package org.jenkinsci.plugins.docker.commons.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.Secret;
import org.kohsuke.stapler.DataBoundConstructor;

public class DockerServerCredentials extends BaseStandardCredentials {
    @DataBoundConstructor
    public DockerServerCredentials(CredentialsScope scope, String id, String description,
            @CheckForNull Secret clientKeySecret, @CheckForNull String clientCertificate,
            @CheckForNull String serverCaCertificate) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public Secret getClientKeySecret() {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public String getClientCertificate() {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public String getServerCaCertificate() {
        throw new UnsupportedOperationException("stand-in");
    }
}
