package io.jenkins.plugins.releaseledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CLI jar the plugin ships as a resource. Its copy on an agent is named after its content (SHA-256), so each
 * plugin build is copied once per workspace and reused by every later step, and a newer plugin never runs an
 * older agent.
 * <p>
 * Where: in the {@code @tmp} directory of the node block's workspace ({@code WORKSPACE}), not of the step's current
 * directory, so {@code dir('sub')} neither puts it into the working tree nor copies it again. Not in the agent's root
 * directory: docker-workflow's {@code withDockerContainer} mounts only the workspace and its {@code @tmp} into the
 * container, and the jar must be visible where the agent process runs.
 */
final class AgentJar {
    static final String RESOURCE = "agent/release-ledger-cli.jar";
    static final String WORKSPACE = "WORKSPACE";

    private static volatile Content content;

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

    /** {@code release-ledger-cli-<SHA-256>.jar}, computed once. */
    static String fileName() throws IOException {
        return "release-ledger-cli-" + content().sha256 + ".jar";
    }

    /** The jar's size in bytes: a copy of another size is broken and replaced. */
    static long size() throws IOException {
        return content().size;
    }

    /**
     * The directory whose {@code @tmp} holds the jar and the request files: the node block's workspace when the
     * step's directory is inside it (the step runs in {@code dir(…)}), else the step's directory itself.
     *
     * @param stepDirectory     the step's current directory (its {@code FilePath})
     * @param workspaceVariable {@code WORKSPACE} of the build's environment; may be {@code null}
     */
    static String cacheWorkspace(final String stepDirectory, final String workspaceVariable) {
        if (workspaceVariable == null || workspaceVariable.isBlank()) {
            return stepDirectory;
        }
        String workspace = workspaceVariable.endsWith("/") || workspaceVariable.endsWith("\\")
                ? workspaceVariable.substring(0, workspaceVariable.length() - 1) : workspaceVariable;
        boolean inside = stepDirectory.equals(workspace) || stepDirectory.startsWith(workspace + "/")
                || stepDirectory.startsWith(workspace + "\\");
        return inside ? workspace : stepDirectory;
    }

    static String sha256(final URL url) throws IOException {
        return read(url).sha256;
    }

    private static Content content() throws IOException {
        Content read = content;
        if (read == null) {
            read = read(resource());
            content = read;
        }
        return read;
    }

    private static Content read(final URL url) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long size = 0;
        try (InputStream in = url.openStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                size += read;
            }
        }
        return new Content(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static final class Content {
        private final String sha256;
        private final long size;

        Content(final String sha256, final long size) {
            this.sha256 = sha256;
            this.size = size;
        }
    }
}
