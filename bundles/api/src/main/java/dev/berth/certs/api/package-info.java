/**
 * Berth's certificate manager: its own certificate authority, named certificate sets that it issues, renews
 * and revokes, the sealed-CSR enrollment protocol (client side included), and a secret store encrypted at
 * rest under Berth's master key.
 *
 * <p>Private keys leave the certificate manager only as {@link dev.berth.certs.api.CertificateMaterial}, in
 * memory; nothing in this package writes one to disk.
 */
@Version("1.1.0")
package dev.berth.certs.api;

import org.osgi.annotation.versioning.Version;
