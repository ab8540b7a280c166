/** JUnit support for tests on real components: found, or skipped with a notice, or failed when required. */
package io.releaseledger.testing;
