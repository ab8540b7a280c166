/** Semantic Versioning 2.0.0 and tag prefixes. */
package io.releaseledger.version;
