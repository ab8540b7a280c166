package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    @DataBoundConstructor
    public StringCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description, @NonNull Secret secret) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException("stand-in");
    }
}
