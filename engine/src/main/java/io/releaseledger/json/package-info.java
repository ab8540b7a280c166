/** A small, bounded JSON reader and writer with no dependency, loaded on the Jenkins controller too. */
package io.releaseledger.json;
