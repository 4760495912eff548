-- What was published to the DNS registry; the records served are derived from it in memory. Lists of
-- addresses, prefixes and names are space-separated text: their items never hold spaces, and they are only
-- ever read and written whole, never searched by SQL.

-- Networks: reverse zones for their subnets, listeners on their gateways.
CREATE TABLE dns_network (
    network_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    subnets TEXT NOT NULL,
    gateways TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Container endpoints: A, AAAA and PTR records.
CREATE TABLE dns_endpoint (
    endpoint_id TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    container_id TEXT NOT NULL,
    container_name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    addresses TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Containers with DNS labels, and those labels (berth.dns.* and the Compose service name).
CREATE TABLE dns_container (
    container_id TEXT PRIMARY KEY,
    container_name TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dns_label (
    container_id TEXT NOT NULL REFERENCES dns_container (container_id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (container_id, label)
);

-- Static records added by operators, in presentation form.
CREATE TABLE dns_static_record (
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    ttl BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (name, type, data)
);
