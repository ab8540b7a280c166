package io.releaseledger.git;

import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.ScmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads a private key from its text in memory, so the key never has to be written to a file. */
final class SshKeys {
    private SshKeys() {
    }

    static List<KeyPair> load(final GitCredentials credentials) {
        String text = credentials.getPrivateKey().orElseThrow();
        FilePasswordProvider passwords = credentials.getPassphrase()
                .map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY);
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("SSH key"),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), passwords);
            List<KeyPair> keys = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new ScmException("The SSH private key could not be read: give the key in OpenSSH or PEM format"
                        + " (the text of the private key file, including its BEGIN and END lines).");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ScmException scm) {
                throw scm;
            }
            throw new ScmException("The SSH private key could not be read ("
                    + Redaction.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), credentials)
                    + "): check that it is a complete OpenSSH or PEM private key and that the passphrase is right.");
        }
    }
}
