/**
 * The {@code vsphere} provider: the core API on VMware ESXi hosts and vCenter servers over the vim25 SOAP API.
 */
package io.altostratus.vsphere;
