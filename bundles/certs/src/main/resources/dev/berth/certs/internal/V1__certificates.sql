-- Issued-certificate records, so that every node and command sees them. Never a private key.
-- The certificate manager's own encrypted store is the source of truth; these rows mirror it.
CREATE TABLE IF NOT EXISTS certs_certificate (
    serial            TEXT        NOT NULL PRIMARY KEY,
    owner             TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    dns_names         TEXT        NOT NULL,
    ip_addresses      TEXT        NOT NULL,
    not_before        TIMESTAMPTZ NOT NULL,
    not_after         TIMESTAMPTZ NOT NULL,
    status            TEXT        NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason TEXT,
    issuer            TEXT        NOT NULL,
    node              TEXT        NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS certs_certificate_owner ON certs_certificate (owner);
