/** What the engine has to say, collected as messages that each front end prints its own way. */
package io.releaseledger.report;
