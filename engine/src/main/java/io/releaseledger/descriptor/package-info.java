/** The release descriptor ({@code release-ledger.yaml}): model, bounded loading and validation with path and line. */
package io.releaseledger.descriptor;
