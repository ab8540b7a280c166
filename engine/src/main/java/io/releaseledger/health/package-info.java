/** Checks of a running release (http, tcp, command, container, heartbeat) and the health gate that retries them. */
package io.releaseledger.health;
