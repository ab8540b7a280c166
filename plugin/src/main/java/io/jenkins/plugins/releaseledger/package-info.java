/** The Jenkins plugin: the five steps, the Releases page, policy and permissions, over the engine. */
package io.jenkins.plugins.releaseledger;
