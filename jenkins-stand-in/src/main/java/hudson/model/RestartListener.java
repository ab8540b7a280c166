package hudson.model;

import hudson.ExtensionPoint;
import java.io.IOException;

public abstract class RestartListener implements ExtensionPoint {
    public abstract boolean isReadyToRestart() throws IOException, InterruptedException;
}
