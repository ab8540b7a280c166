package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

public final class FilePath {
    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("stand-in");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void chmod(final int mask) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void copyFrom(URL url) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public FilePath createTempFile(final String prefix, final String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
