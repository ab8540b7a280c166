package org.jenkinsci.plugins.authorizeproject;

import hudson.model.Job;
import hudson.model.JobProperty;

public class AuthorizeProjectProperty extends JobProperty<Job<?, ?>> {
    public AuthorizeProjectProperty(AuthorizeProjectStrategy strategy) {
        throw new UnsupportedOperationException("stand-in");
    }
}
