package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.SecretMask;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the agent process prints (stdout and stderr), on its way to the build log: masked line by line, so a secret
 * is replaced even when the process writes it in pieces. A partial line waits for its end, or for {@link #close()}.
 */
final class MaskedLogStream extends OutputStream {
    /**
     * A longer line is masked and printed in parts, so a process writing without newlines cannot fill the memory;
     * only a secret lying across such a cut (64 KiB without a newline) would escape the mask.
     */
    static final int MAX_LINE = 64 * 1024;

    private final PrintStream log;
    private final SecretMask mask;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    MaskedLogStream(final PrintStream log, final SecretMask mask) {
        this.log = log;
        this.mask = mask;
    }

    @Override
    public synchronized void write(final int b) {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            printLine();
        }
    }

    @Override
    public synchronized void write(final byte[] bytes, final int offset, final int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Prints the partial line too: the process has ended. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            printLine();
        }
        log.flush();
    }

    private void printLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        synchronized (log) {
            log.print(mask.mask(text));
            log.flush();
        }
    }
}
