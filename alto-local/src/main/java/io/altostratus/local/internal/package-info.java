/**
 * How the local cloud works inside: the documents it stores ({@code Docs}), id minting and checks ({@code IdKind}),
 * address pools ({@code Addresses}), SSH key material ({@code KeyMaterial}), lazy transitions ({@code Transitions}),
 * and one class of operations per resource area. Not an API: anything here may change.
 */
package io.altostratus.local.internal;
