package hudson.model;

import hudson.ExtensionPoint;

public abstract class JobProperty<J extends Job<?, ?>> implements ExtensionPoint {
}
