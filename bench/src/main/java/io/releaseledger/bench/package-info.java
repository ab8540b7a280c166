/** Benchmarks against named peers, never run by the tests. */
package io.releaseledger.bench;
