/** Notifications about deploys: the {@link io.releaseledger.notify.Notifier} port and its webhook adapter. */
package io.releaseledger.notify;
