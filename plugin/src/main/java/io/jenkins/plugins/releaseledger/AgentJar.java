package io.jenkins.plugins.releaseledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CLI jar the plugin ships as a resource. Its copy on an agent is named after its content, so each plugin
 * build is copied once and a newer plugin never runs an older agent.
 */
final class AgentJar {
    static final String RESOURCE = "agent/release-ledger-cli.jar";

    private static volatile String fileName;

    private AgentJar() {
    }

    static URL resource() {
        URL url = AgentJar.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the Release Ledger plugin is incomplete: its resource "
                    + AgentJar.class.getPackageName().replace('.', '/') + "/" + RESOURCE + " is missing; reinstall the plugin");
        }
        return url;
    }

    /** {@code release-ledger-cli-<first 16 hex digits of the SHA-256>.jar}, computed once. */
    static String fileName() throws IOException {
        String name = fileName;
        if (name == null) {
            name = "release-ledger-cli-" + sha256(resource()).substring(0, 16) + ".jar";
            fileName = name;
        }
        return name;
    }

    static String sha256(final URL url) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = url.openStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
