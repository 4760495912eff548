-- Tag roles of endpoints on tagged networks: comma-separated tags.
ALTER TABLE net_endpoint ADD COLUMN egress_tags TEXT NOT NULL DEFAULT '';
ALTER TABLE net_endpoint ADD COLUMN ingress_tags TEXT NOT NULL DEFAULT '';
