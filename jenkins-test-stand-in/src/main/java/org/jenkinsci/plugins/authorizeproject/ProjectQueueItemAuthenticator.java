package org.jenkinsci.plugins.authorizeproject;

import java.util.Set;
import jenkins.security.QueueItemAuthenticator;

public class ProjectQueueItemAuthenticator extends QueueItemAuthenticator {
    public ProjectQueueItemAuthenticator(Set<String> enabledStrategies, Set<String> disabledStrategies) {
        throw new UnsupportedOperationException("stand-in");
    }
}
