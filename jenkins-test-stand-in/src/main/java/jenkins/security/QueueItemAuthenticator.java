package jenkins.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class QueueItemAuthenticator implements Describable<QueueItemAuthenticator>, ExtensionPoint {
}
