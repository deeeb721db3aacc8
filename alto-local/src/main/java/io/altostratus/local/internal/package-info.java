/**
 * How the local cloud works inside: the documents it stores ({@code Docs}), the session's transactions
 * ({@code Session}), address pools ({@code Addresses}), SSH key material ({@code KeyMaterial}), lazy transitions
 * ({@code Transitions}), and one class of operations per resource area; most of those classes are the extensions a
 * session hands out. Ids are EC2's ({@code io.altostratus.core.ec2.Ec2IdKind}). Not an API: anything here may change.
 */
package io.altostratus.local.internal;
