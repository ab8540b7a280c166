/** Conventional Commits 1.0.0: parsing commit messages and the version bump each one asks for. */
package io.releaseledger.commits;
