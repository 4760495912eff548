-- Granted pools. first_addr/last_addr are the raw address bytes (4 or 16), so that byte order is address
-- order; the unique index makes the overlap check an index seek.
CREATE TABLE ipam_pool (
    pool_id TEXT PRIMARY KEY,
    address_space TEXT NOT NULL,
    schema_pool TEXT NOT NULL,
    family INT NOT NULL,
    subnet TEXT NOT NULL,
    first_addr BYTEA NOT NULL,
    last_addr BYTEA NOT NULL,
    prefix_len INT NOT NULL,
    range_first BYTEA NOT NULL,
    range_last BYTEA NOT NULL,
    next_addr BYTEA NOT NULL,
    carved BOOLEAN NOT NULL,
    request_key TEXT NOT NULL,
    refs INT NOT NULL,
    allocated BIGINT NOT NULL,
    gateway TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ipam_pool_space_first UNIQUE (address_space, family, first_addr)
);

-- Allocated addresses; the primary key is what makes a double allocation impossible.
CREATE TABLE ipam_address (
    pool_id TEXT NOT NULL REFERENCES ipam_pool (pool_id) ON DELETE CASCADE,
    addr BYTEA NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL,
    allocated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (pool_id, addr)
);

-- Released addresses behind a pool's cursor, handed out again once the cursor reaches the end of the range.
CREATE TABLE ipam_address_free (
    pool_id TEXT NOT NULL REFERENCES ipam_pool (pool_id) ON DELETE CASCADE,
    addr BYTEA NOT NULL,
    PRIMARY KEY (pool_id, addr)
);

-- Where carving continues in each parent prefix of a schema pool.
CREATE TABLE ipam_carve_cursor (
    address_space TEXT NOT NULL,
    schema_pool TEXT NOT NULL,
    parent TEXT NOT NULL,
    subnet_len INT NOT NULL,
    next_first BYTEA NOT NULL,
    PRIMARY KEY (address_space, schema_pool, parent, subnet_len)
);

-- Carved subnets given back, carved again once every cursor of their schema pool is exhausted.
CREATE TABLE ipam_subnet_free (
    address_space TEXT NOT NULL,
    schema_pool TEXT NOT NULL,
    first_addr BYTEA NOT NULL,
    prefix_len INT NOT NULL,
    PRIMARY KEY (address_space, schema_pool, first_addr)
);
