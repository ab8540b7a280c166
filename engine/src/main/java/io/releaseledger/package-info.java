/** Release Ledger's engine: all behaviour, no Jenkins type; {@link io.releaseledger.ReleaseLedgerException} is the root of its errors. */
package io.releaseledger;
