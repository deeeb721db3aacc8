/**
 * The vim25 SOAP API as the provider speaks it, not API: requests written with StAX, answers read into a small
 * element tree that keeps whatever the server sends (so fields newer than this client are skipped, not rejected),
 * the session (login, cookie, one re-login on NotAuthenticated), the property collector, tasks, faults, TLS trust,
 * guest addresses, cloud-init's guestinfo keys and the VMDK conversion.
 */
package io.altostratus.vsphere.internal;
