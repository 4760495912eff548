/**
 * Certificate volumes: Docker volumes ({@code docker volume create -d berth}) whose files are a certificate, its
 * key, chain and CA from Berth's certificate manager, held in memory-backed filesystems and replaced when the
 * certificate is renewed. The certificate comes from Berth's CA or, with {@code issuer=acme}, from an ACME CA.
 */
@Version("1.1.0")
package dev.berth.volumes.api;

import org.osgi.annotation.versioning.Version;
