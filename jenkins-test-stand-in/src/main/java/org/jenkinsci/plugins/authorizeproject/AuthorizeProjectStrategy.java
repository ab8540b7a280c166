package org.jenkinsci.plugins.authorizeproject;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class AuthorizeProjectStrategy extends AbstractDescribableImpl<AuthorizeProjectStrategy> implements ExtensionPoint {
}
