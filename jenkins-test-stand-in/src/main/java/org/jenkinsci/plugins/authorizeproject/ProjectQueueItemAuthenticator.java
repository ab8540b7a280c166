package org.jenkinsci.plugins.authorizeproject;

import java.util.Set;
import jenkins.security.QueueItemAuthenticator;
import org.kohsuke.stapler.DataBoundConstructor;

public class ProjectQueueItemAuthenticator extends QueueItemAuthenticator {
    @DataBoundConstructor
    public ProjectQueueItemAuthenticator(Set<String> enabledStrategies, Set<String> disabledStrategies) {
        throw new UnsupportedOperationException("stand-in");
    }
}
