/** Deploys, promotions, rollbacks and unlocks: the commands that keep the ledger, the plan, server cycling, restore and reconcile. */
package io.releaseledger.deploy;
