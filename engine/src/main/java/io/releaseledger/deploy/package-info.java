/** The commands that keep the ledger (deploy, promote, rollback, smoke check, mark bad, unlock, reconcile) and the ports and plans they hand to the rollout. */
package io.releaseledger.deploy;
