/** A Registry HTTP API v2 client: tag to digest, retagging, credentials kept to their origin. */
package io.releaseledger.registry;
