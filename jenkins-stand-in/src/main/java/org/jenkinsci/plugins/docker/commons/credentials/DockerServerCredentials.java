package org.jenkinsci.plugins.docker.commons.credentials;

import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.Secret;

public class DockerServerCredentials extends BaseStandardCredentials {
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
