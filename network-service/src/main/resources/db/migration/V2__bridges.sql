-- Each bridge network has its own Linux bridge on the node, named here once: "br-" and the first 12 digits of the
-- network's id (as dockerd names user bridges), or the name com.docker.network.bridge.name gave it. Names are
-- unique on the node, across tenants: two networks on one bridge would share one L2 segment.
ALTER TABLE network ADD COLUMN bridge varchar(15);
UPDATE network SET bridge = 'br-' || substr(id, 1, 12) WHERE driver = 'bridge';
-- The predefined bridge no longer claims dockerd's docker0: its option names the bridge Berth makes.
UPDATE network SET options_json = replace(options_json, '"com.docker.network.bridge.name":"docker0"',
    '"com.docker.network.bridge.name":"' || bridge || '"') WHERE name = 'bridge' AND bridge IS NOT NULL;
CREATE UNIQUE INDEX network_bridge_unique ON network (bridge);
