package io.releaseledger.git;

import io.releaseledger.scm.CGit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Runs "git-upload-pack '/repo.git'" (or receive-pack) on the repository under the root, as sshd's
     * contract for a {@link Command} requires: {@link #start} only starts the work and returns; three pumps
     * copy the channel's input to git's stdin (closing it at the client's EOF) and git's stdout and stderr to
     * the channel, flushing every chunk because git waits for the client's answer after each packet; the exit
     * callback, which sends the exit status and closes the channel, runs exactly once and only after both
     * output streams are drained and git has exited, so no byte is lost and the channel never ends early.
     */
    private static final class GitCommand implements Command {
        private static final List<String> SERVICES = List.of("git-upload-pack", "git-receive-pack");

        private final Path root;
        private final String command;
        private final AtomicBoolean exited = new AtomicBoolean();
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

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
            Path repository = parts.length == 2 && SERVICES.contains(parts[0]) ? repository(parts[1]) : null;
            if (repository == null) {
                background("refuse", () -> {
                    err.write(("fatal: unsupported command: " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    finish(128);
                });
                return;
            }
            ProcessBuilder builder = new ProcessBuilder("git", parts[0].substring("git-".length()),
                    repository.toString());
            CGit.isolate(builder.environment());
            // What sshd (and OpenSSH with AcceptEnv GIT_PROTOCOL) does: lets the client ask for protocol v2.
            String protocol = env.getEnv().get("GIT_PROTOCOL");
            if (protocol != null) {
                builder.environment().put("GIT_PROTOCOL", protocol);
            }
            process = builder.start();
            background("stdin", () -> {
                try (OutputStream toGit = process.getOutputStream()) {
                    copy(in, toGit);
                }
            });
            Thread stdout = background("stdout", () -> copy(process.getInputStream(), out));
            Thread stderr = background("stderr", () -> copy(process.getErrorStream(), err));
            background("exit", () -> {
                stdout.join();
                stderr.join();
                finish(process.waitFor());
            });
        }

        private Path repository(final String argument) {
            String path = argument.replace("'", "").replaceAll("^/+", "");
            Path resolved = root.resolve(path).normalize();
            return resolved.startsWith(root.normalize()) ? resolved : null;
        }

        private void finish(final int code) {
            if (exited.compareAndSet(false, true)) {
                exit.onExit(code);
            }
        }

        private static void copy(final InputStream from, final OutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        }

        private Thread background(final String name, final Work work) {
            Thread thread = new Thread(() -> {
                try {
                    work.run();
                } catch (IOException | InterruptedException | RuntimeException e) {
                    // The client went away or git died; "exit" still reports git's code (or this failure).
                    if (name.equals("exit") || name.equals("refuse")) {
                        if (exited.compareAndSet(false, true)) {
                            exit.onExit(1, String.valueOf(e));
                        }
                    }
                }
            }, "git-ssh-" + name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void destroy(final ChannelSession channel) {
            Process running = process;
            if (running != null) {
                running.destroy();
            }
        }

        @FunctionalInterface
        private interface Work {
            void run() throws IOException, InterruptedException;
        }
    }
}
