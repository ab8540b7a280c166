/** The command line on the engine, and the agent process the Jenkins plugin starts. */
package io.releaseledger.cli;
