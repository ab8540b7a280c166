package io.releaseledger.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest by the build. */
final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {"release-ledger " + (version == null ? "(development build)" : version)};
    }
}
