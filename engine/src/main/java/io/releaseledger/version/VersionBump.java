package io.releaseledger.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The next version by hand, as {@code release-ledger semver bump} gives it: a pre-release is finished by the bump it
 * leads to ({@code 2.0.0-rc.1} bumped major is {@code 2.0.0}), build metadata is dropped, and {@code prerelease}
 * counts up the pre-release ({@code 1.4.0-rc.1} to {@code 1.4.0-rc.2}) or starts one on the next patch.
 */
public final class VersionBump {
    /** What to bump. */
    public enum Part { MAJOR, MINOR, PATCH, PRERELEASE }

    private VersionBump() {
    }

    /**
     * @param preId the pre-release identifier for {@code prerelease} ({@code rc} when {@code null}); another one than
     *              the version's starts over at 1
     */
    public static SemanticVersion apply(final SemanticVersion version, final Part part, final String preId) {
        Objects.requireNonNull(version, "version");
        boolean pre = version.isPreRelease();
        boolean zeroPatch = version.getPatch().signum() == 0;
        boolean zeroMinor = version.getMinor().signum() == 0;
        switch (part) {
            case MAJOR:
                return pre && zeroMinor && zeroPatch ? version.getCore() : version.nextMajor();
            case MINOR:
                return pre && zeroPatch ? version.getCore() : version.nextMinor();
            case PATCH:
                return pre ? version.getCore() : version.nextPatch();
            default:
                return prerelease(version, preId == null || preId.isBlank() ? "rc" : preId.strip());
        }
    }

    private static SemanticVersion prerelease(final SemanticVersion version, final String preId) {
        if (!version.isPreRelease()) {
            return version.nextPatch().withPreRelease(preId, "1");
        }
        List<String> identifiers = new ArrayList<>(version.getPreRelease());
        if (!identifiers.get(0).equals(preId)) {
            return version.getCore().withPreRelease(preId, "1");
        }
        String last = identifiers.get(identifiers.size() - 1);
        if (identifiers.size() > 1 && last.matches("0|[1-9][0-9]*")) {
            identifiers.set(identifiers.size() - 1, new BigInteger(last).add(BigInteger.ONE).toString());
        } else {
            identifiers.add("1");
        }
        return version.getCore().withPreRelease(identifiers.toArray(String[]::new));
    }
}
