package jenkins.security;

import javax.crypto.Mac;

public class HMACConfidentialKey extends ConfidentialKey {
    public HMACConfidentialKey(Class owner, String shortName) {
        super(owner.getName() + '.' + shortName);
    }

    public Mac createMac() {
        throw new UnsupportedOperationException("stand-in");
    }
}
