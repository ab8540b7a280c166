package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    @NonNull
    public final ProcStarter launch() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean isUnix() {
        throw new UnsupportedOperationException("stand-in");
    }

    public final class ProcStarter {
        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("stand-in");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("stand-in");
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            throw new UnsupportedOperationException("stand-in");
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            throw new UnsupportedOperationException("stand-in");
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            throw new UnsupportedOperationException("stand-in");
        }

        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            throw new UnsupportedOperationException("stand-in");
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
