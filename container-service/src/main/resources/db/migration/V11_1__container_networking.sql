-- Issue 11: how a container is networked. networking_json: the network settings its create asked for, with the
-- networks they name resolved (ids), kept by container-service as dockerd keeps them in the container. lease_json:
-- what network-service gave its current run (endpoints, host ports), shown by inspect while it runs.
-- (Numbered 11.1 so that it never takes a version another issue's migration may take.)
ALTER TABLE container ADD COLUMN networking_json text NOT NULL DEFAULT '{}';
ALTER TABLE container ADD COLUMN lease_json text NOT NULL DEFAULT '{}';
