package hudson.util;

import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.util.Map;

public final class RemotingDiagnostics {
    public static Map<Object, Object> getSystemProperties(VirtualChannel channel) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
