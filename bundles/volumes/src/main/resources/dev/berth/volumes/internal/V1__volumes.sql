-- Certificate volumes of each host: the set their files come from and the options they were created with.
-- ca identifies the certificate manager (its root's fingerprint): set names are unique per certificate manager.
-- owns_set: the driver created the set for this volume and deletes it with the last volume using it.
CREATE TABLE vol_volume (
    host TEXT NOT NULL,
    name TEXT NOT NULL,
    ca TEXT NOT NULL,
    set_name TEXT NOT NULL,
    owns_set BOOLEAN NOT NULL,
    options TEXT NOT NULL,
    ttl_seconds BIGINT NOT NULL,
    serial TEXT NOT NULL DEFAULT '',
    not_after TIMESTAMPTZ,
    subject_names TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (host, name)
);

CREATE INDEX vol_volume_set ON vol_volume (ca, set_name);

-- Who holds a volume mounted: one row per Docker caller ID, so Unmount of one caller keeps the others' files.
CREATE TABLE vol_mount (
    host TEXT NOT NULL,
    name TEXT NOT NULL,
    caller_id TEXT NOT NULL,
    mounted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (host, name, caller_id),
    FOREIGN KEY (host, name) REFERENCES vol_volume (host, name) ON DELETE CASCADE
);
