/** Notifications about deploys: the {@link io.releaseledger.notify.Notifier} port, its webhook and mail adapters. */
package io.releaseledger.notify;
