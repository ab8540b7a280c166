package io.releaseledger.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against one known-hosts file: a host whose key is not listed, or listed with
 * another key, is refused; nothing is ever added to the file. The reason of the last refusal is kept so that
 * the error can say exactly what to fix.
 */
final class KnownHostsDatabase implements ServerKeyDatabase {
    private final Path file;
    private volatile String refusal;

    KnownHostsDatabase(final Path file) {
        this.file = file;
    }

    String getRefusal() {
        return refusal;
    }

    @Override
    public List<PublicKey> lookup(final String connectAddress, final InetSocketAddress remoteAddress,
            final Configuration config) {
        List<PublicKey> keys = new ArrayList<>();
        for (KnownHostEntry entry : entriesFor(connectAddress, remoteAddress)) {
            PublicKey key = publicKey(entry);
            if (key != null && !"revoked".equals(entry.getMarker())) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public boolean accept(final String connectAddress, final InetSocketAddress remoteAddress,
            final PublicKey serverKey, final Configuration config, final CredentialsProvider provider) {
        String host = hostOf(connectAddress);
        List<KnownHostEntry> entries = entriesFor(connectAddress, remoteAddress);
        boolean hostKnown = false;
        for (KnownHostEntry entry : entries) {
            PublicKey key = publicKey(entry);
            if (key == null || entry.getMarker() != null && !"revoked".equals(entry.getMarker())) {
                continue;
            }
            boolean same = KeyUtils.compareKeys(key, serverKey);
            if ("revoked".equals(entry.getMarker())) {
                if (same) {
                    refusal = "the host key of " + host + " is marked as revoked in " + file;
                    return false;
                }
                continue;
            }
            if (same) {
                return true;
            }
            hostKnown = true;
        }
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        refusal = hostKnown
                ? "the host key of " + host + " has CHANGED (now " + fingerprint + ") and does not match " + file
                    + "; if the change is expected, replace the host's entry in that file (ssh-keyscan), otherwise"
                    + " someone may be intercepting the connection"
                : "the host " + host + " is not in the known-hosts file " + file + " (its key is " + fingerprint
                    + "); add its key to that file (for example with ssh-keyscan, verified against the key the"
                    + " git server publishes) or point the credentials at the right known-hosts file";
        return false;
    }

    private List<KnownHostEntry> entriesFor(final String connectAddress, final InetSocketAddress remoteAddress) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String host = hostOf(connectAddress);
        int port = portOf(connectAddress, remoteAddress);
        List<KnownHostEntry> matching = new ArrayList<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (entry.isHostMatch(host, port)) {
                    matching.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            refusal = "the known-hosts file " + file + " cannot be read: " + e.getMessage();
        }
        return matching;
    }

    private static PublicKey publicKey(final KnownHostEntry entry) {
        AuthorizedKeyEntry keyEntry = entry.getKeyEntry();
        if (keyEntry == null) {
            return null;
        }
        try {
            return keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    // JGit passes "host" for port 22 and "[host]:port" otherwise.
    private static String hostOf(final String connectAddress) {
        if (connectAddress.startsWith("[")) {
            int end = connectAddress.indexOf(']');
            return end > 0 ? connectAddress.substring(1, end) : connectAddress;
        }
        return connectAddress;
    }

    private static int portOf(final String connectAddress, final InetSocketAddress remoteAddress) {
        int colon = connectAddress.lastIndexOf("]:");
        if (connectAddress.startsWith("[") && colon > 0) {
            try {
                return Integer.parseInt(connectAddress.substring(colon + 2));
            } catch (NumberFormatException e) {
                return remoteAddress.getPort();
            }
        }
        return remoteAddress != null ? remoteAddress.getPort() : 22;
    }
}
