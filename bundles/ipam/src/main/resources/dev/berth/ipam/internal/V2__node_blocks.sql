-- Blocks of per-node schema pools (node_length): each belongs to one cluster node, which carves its networks'
-- subnets only inside its own blocks. Blocks of a space never overlap; the primary key and the overlap seek (as
-- for ipam_pool) keep two nodes from claiming the same one. next_subnet is where carving continues inside the
-- block, NULL once it is carved through.
CREATE TABLE ipam_node_block (
    address_space TEXT NOT NULL,
    family INT NOT NULL,
    first_addr BYTEA NOT NULL,
    last_addr BYTEA NOT NULL,
    prefix_len INT NOT NULL,
    schema_pool TEXT NOT NULL,
    node TEXT NOT NULL,
    next_subnet BYTEA,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (address_space, family, first_addr)
);

CREATE INDEX ipam_node_block_by_node ON ipam_node_block (address_space, schema_pool, node, first_addr);
