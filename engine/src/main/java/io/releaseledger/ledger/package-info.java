/** The release ledger: hash-chained journal, locks, read model, checkpoint and the JSON views the page and API serve. */
package io.releaseledger.ledger;
