package com.cloudbees.hudson.plugins.folder;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class AbstractFolderProperty<C extends AbstractFolder<?>>
        extends AbstractDescribableImpl<AbstractFolderProperty<?>> implements ExtensionPoint {
    @Override
    public AbstractFolderPropertyDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }
}
