-- The networks of each host: what the kernel must hold for them. Names and table numbers are unique per
-- host, so two networks can never share a bridge or a routing domain.
CREATE TABLE net_network (
    network_id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    bridge TEXT NOT NULL,
    route_table INT NOT NULL,
    ipv4_subnet TEXT NOT NULL,
    ipv4_gateway TEXT NOT NULL,
    ipv6_subnet TEXT NOT NULL,
    ipv6_gateway TEXT NOT NULL,
    mtu INT NOT NULL,
    internal BOOLEAN NOT NULL,
    egress TEXT NOT NULL,
    tags TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT net_network_host_table UNIQUE (host, route_table),
    CONSTRAINT net_network_host_bridge UNIQUE (host, bridge)
);

-- Container endpoints. sandbox is the namespace an endpoint joined, empty when it is not in a container.
CREATE TABLE net_endpoint (
    network_id TEXT NOT NULL REFERENCES net_network (network_id) ON DELETE CASCADE,
    endpoint_id TEXT NOT NULL,
    host_if TEXT NOT NULL,
    mac TEXT NOT NULL,
    ipv4 TEXT NOT NULL,
    ipv6 TEXT NOT NULL,
    sandbox TEXT NOT NULL,
    ports TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (network_id, endpoint_id)
);
