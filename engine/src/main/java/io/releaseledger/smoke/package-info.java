/** Smoke checks: the runner and its report (table, JSON, JUnit); the command that records them is in deploy. */
package io.releaseledger.smoke;
