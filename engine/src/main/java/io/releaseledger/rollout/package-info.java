/** The rollout where the I/O is: planner, server cycling with restore, targets, and the local deploy and smoke executors. */
package io.releaseledger.rollout;
