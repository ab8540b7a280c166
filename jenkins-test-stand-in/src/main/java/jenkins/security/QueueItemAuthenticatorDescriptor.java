package jenkins.security;

import hudson.model.Descriptor;

public abstract class QueueItemAuthenticatorDescriptor extends Descriptor<QueueItemAuthenticator> {
}
