/**
 * Berth's ACME client (RFC 8555): certificates for public names from an ACME certificate authority such as
 * Let's Encrypt, proved by the http-01 challenge or, through Berth's own DNS server, the dns-01 challenge (also for
 * wildcard names).
 *
 * <p>The caller keeps the certificate's private key: it passes a key pair or a CSR, and receives the chain. A
 * certificate no longer needed is revoked through the same account.
 */
@Version("1.2.0")
package dev.berth.acme.api;

import org.osgi.annotation.versioning.Version;
