-- The cluster node that published each network, endpoint and labelled container (dns_label follows its
-- container; static records stay shared by every node). Each node loads, writes and deletes only its own rows
-- and reads the other nodes' rows to serve them too. Rows written before this version have '' and are claimed by
-- the first node that loads them.
ALTER TABLE dns_network ADD COLUMN node TEXT NOT NULL DEFAULT '';
ALTER TABLE dns_endpoint ADD COLUMN node TEXT NOT NULL DEFAULT '';
ALTER TABLE dns_container ADD COLUMN node TEXT NOT NULL DEFAULT '';
CREATE INDEX dns_network_node ON dns_network (node);
CREATE INDEX dns_endpoint_node ON dns_endpoint (node);
CREATE INDEX dns_container_node ON dns_container (node);
