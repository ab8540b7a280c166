/** Release policy per environment: approvals and freeze windows, their model and evaluation; JDK types only. */
package io.releaseledger.policy;
