/** The next version from history and the tag that records it ({@code semverTag}). */
package io.releaseledger.semver;
