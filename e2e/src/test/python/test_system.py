"""docker-py's system calls against Berth: ping, version, info, df, events."""
import time

import docker


def test_ping_version_and_info(client):
    assert client.ping()
    version = client.version()
    assert version["ApiVersion"] == "1.47"
    assert version["Os"] == "linux"
    info = client.info()
    assert info["OSType"] == "linux"
    assert isinstance(info["Containers"], int)
    assert info["Swarm"]["LocalNodeState"] == "inactive"


def test_df_has_every_section(client):
    usage = client.df()
    assert set(usage) >= {"LayersSize", "Images", "Containers", "Volumes", "BuildCache"}
    assert any("busybox:latest" in (image.get("RepoTags") or []) for image in usage["Images"])


def test_events_tell_a_containers_life_in_order(client, names):
    since = int(time.time()) - 1
    name = names()
    client.containers.run("busybox", ["true"], name=name, remove=True)
    until = int(time.time()) + 1
    actions = [event["Action"] for event in client.events(since=since, until=until, decode=True,
                                                          filters={"container": name, "type": "container"})]
    assert [a for a in actions if a in ("create", "start", "die", "destroy")] == ["create", "start", "die", "destroy"]
