/** Smoke checks after a deploy: the runner, the report (table, JSON, JUnit) and the command that records them. */
package io.releaseledger.smoke;
