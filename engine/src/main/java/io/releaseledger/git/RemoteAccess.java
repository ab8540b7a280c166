package io.releaseledger.git;

import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.ScmException;
import java.io.File;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Credentials and transport settings for one remote operation. SSH uses only the given key and the given
 * known-hosts file, never the user's SSH configuration, identities or agent.
 */
final class RemoteAccess implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 60;

    private final GitCredentials credentials;
    private final String remoteUrl;
    private KnownHostsDatabase knownHosts;
    private SshdSessionFactory sshFactory;

    RemoteAccess(final GitCredentials credentials, final String remoteUrl) {
        this.credentials = credentials;
        this.remoteUrl = remoteUrl;
    }

    <C extends TransportCommand<C, ?>> C configure(final C command) {
        command.setTimeout(TIMEOUT_SECONDS);
        if (credentials.getKind() == GitCredentials.Kind.USERNAME_PASSWORD) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    credentials.getUsername().orElseThrow(), credentials.getPassword().orElseThrow()));
        }
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sshFactory());
            }
        });
        return command;
    }

    private SshdSessionFactory sshFactory() {
        if (sshFactory == null) {
            Path knownHostsFile = credentials.getKind() == GitCredentials.Kind.SSH_KEY
                    ? credentials.getKnownHosts() : GitCredentials.none().getKnownHosts();
            knownHosts = new KnownHostsDatabase(knownHostsFile);
            List<KeyPair> keys = credentials.getKind() == GitCredentials.Kind.SSH_KEY
                    ? SshKeys.load(credentials) : List.of();
            File home = new File(System.getProperty("user.home"));
            sshFactory = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(home)
                    .setSshDirectory(new File(home, ".ssh"))
                    .setConfigFile(sshDirectory -> null)
                    .setDefaultIdentities(sshDirectory -> List.of())
                    .setDefaultKeysProvider(sshDirectory -> keys)
                    .setServerKeyDatabase((homeDirectory, sshDirectory) -> knownHosts)
                    .setPreferredAuthentications("publickey")
                    .setConnectorFactory(null)
                    .build(null);
        }
        return sshFactory;
    }

    /** The failure of {@code action} on this remote as a message that says how to fix it and holds no secret. */
    ScmException failure(final String action, final Exception error) {
        String where = " (" + Redaction.redactUrl(remoteUrl) + ")";
        String refusal = knownHosts == null ? null : knownHosts.getRefusal();
        if (refusal != null) {
            return new ScmException(action + where + " failed: SSH host key refused: " + refusal + ".");
        }
        String detail = Redaction.redact(describe(error), credentials);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (hasCause(error, ConnectException.class) || hasCause(error, NoRouteToHostException.class)
                || hasCause(error, UnknownHostException.class) || hasCause(error, SocketTimeoutException.class)
                || lower.contains("connection refused") || lower.contains("connect timed out")
                || lower.contains("unknownhost") || lower.contains("no route to host")) {
            return new ScmException(action + where + " failed: the remote cannot be reached (" + detail
                    + "); check the remote's URL, that the server is up and that this machine may connect to it.");
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("401") || lower.contains("403") || lower.contains("permission denied")
                || lower.contains("no more authentication methods")) {
            return new ScmException(action + where + " failed: authentication was refused (" + detail
                    + "); check the credentials (" + credentials + ") and that they may access this repository.");
        }
        return new ScmException(action + where + " failed: " + detail);
    }

    private static String describe(final Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 600; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() == 0 ? error.getClass().getSimpleName() : text.toString();
    }

    private static boolean hasCause(final Throwable error, final Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (sshFactory != null) {
            sshFactory.close();
        }
    }
}
