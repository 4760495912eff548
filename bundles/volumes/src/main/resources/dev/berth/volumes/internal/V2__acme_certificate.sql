-- The leaf certificate (PEM) an issuer=acme volume got last, so that removing the volume after a restart of
-- Berth can still revoke it: the ACME account that ordered it revokes it with its account key (RFC 8555
-- section 7.6), without the certificate's private key, which is never stored. Empty for other volumes.
ALTER TABLE vol_volume ADD COLUMN certificate TEXT NOT NULL DEFAULT '';
