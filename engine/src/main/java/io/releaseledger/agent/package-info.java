/** The JSON protocol between the plugin on the controller and the CLI on the agent: requests, responses, operations, secrets from the environment. */
package io.releaseledger.agent;
