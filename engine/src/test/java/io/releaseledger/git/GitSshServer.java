package io.releaseledger.git;

import io.releaseledger.scm.CGit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH server (Apache MINA sshd) on 127.0.0.1 that runs C git's {@code git-upload-pack} and
 * {@code git-receive-pack} for the repositories under a root, for one client public key.
 */
final class GitSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    GitSshServer(final Path root, final PublicKey clientKey) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        hostKey = generator.generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new GitCommand(root, command));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    String url(final String repository) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repository;
    }

    /** The line for a known_hosts file naming this server with its real host key. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs "git-upload-pack '/repo.git'" (or receive-pack) on the repository under the root. */
    private static final class GitCommand implements Command {
        private final Path root;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        GitCommand(final Path root, final String command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public void setInputStream(final InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(final OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(final OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(final ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(final ChannelSession channel, final Environment env) throws IOException {
            String[] parts = command.split(" ", 2);
            if (parts.length != 2 || !List.of("git-upload-pack", "git-receive-pack").contains(parts[0])) {
                exit.onExit(1, "unsupported command");
                return;
            }
            String path = parts[1].replace("'", "").replaceAll("^/+", "");
            ProcessBuilder builder = new ProcessBuilder("git", parts[0].substring("git-".length()),
                    root.resolve(path).toString());
            CGit.isolate(builder.environment());
            process = builder.start();
            Thread input = pump(in, process.getOutputStream(), true);
            Thread errors = pump(process.getErrorStream(), err, false);
            Thread output = new Thread(() -> {
                try {
                    // Flush every chunk: git waits for the client's answer after each packet.
                    byte[] buffer = new byte[8192];
                    InputStream from = process.getInputStream();
                    for (int n; (n = from.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    int code = process.waitFor();
                    errors.join();
                    exit.onExit(code);
                } catch (IOException | InterruptedException e) {
                    exit.onExit(1, String.valueOf(e));
                }
            });
            output.start();
            input.setDaemon(true);
        }

        private static Thread pump(final InputStream from, final OutputStream to, final boolean closeTarget) {
            Thread thread = new Thread(() -> {
                try {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = from.read(buffer)) >= 0; ) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException e) {
                    // the other side closed; the process exit code tells the outcome
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException e) {
                            // already closed
                        }
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void destroy(final ChannelSession channel) {
            if (process != null) {
                process.destroy();
            }
        }
    }
}
