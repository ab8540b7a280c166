package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class BaseStandardCredentials implements StandardCredentials {
    @NonNull
    public String getDescription() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException("stand-in");
    }
}
