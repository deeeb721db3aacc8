/**
 * Test peers written by others that the suites start on loopback: VMware's vSphere simulator.
 */
package io.altostratus.testkit.peers;
