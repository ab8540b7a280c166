package org.jenkinsci.plugins.authorizeproject;

import hudson.model.Job;
import hudson.model.JobProperty;
import org.kohsuke.stapler.DataBoundConstructor;

public class AuthorizeProjectProperty extends JobProperty<Job<?, ?>> {
    @DataBoundConstructor
    public AuthorizeProjectProperty(AuthorizeProjectStrategy strategy) {
        throw new UnsupportedOperationException("stand-in");
    }
}
