package jenkins.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.DescribableList;
import jenkins.model.GlobalConfiguration;

public class QueueItemAuthenticatorConfiguration extends GlobalConfiguration {
    public DescribableList<QueueItemAuthenticator, QueueItemAuthenticatorDescriptor> getAuthenticators() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @NonNull QueueItemAuthenticatorConfiguration get() {
        throw new UnsupportedOperationException("stand-in");
    }
}
