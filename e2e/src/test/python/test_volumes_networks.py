"""docker-py's volumes and networks APIs against Berth: data that outlives a container, in-use refusals, a network
whose members find each other by name and by an alias given on connect."""
import time

import docker
import pytest


def test_a_named_volume_keeps_data_between_containers(client, names):
    volume = client.volumes.create(name=names("py-vol"), labels={"suite": "docker-py"})
    assert volume.attrs["Driver"] == "local"
    assert volume.attrs["Mountpoint"]
    assert volume.id in [v.id for v in client.volumes.list(filters={"label": "suite=docker-py"})]
    mounts = {volume.name: {"bind": "/data", "mode": "rw"}}
    client.containers.run("busybox", ["sh", "-c", "echo kept > /data/file"], volumes=mounts, remove=True)
    assert client.containers.run("busybox", ["cat", "/data/file"], volumes=mounts, remove=True) == b"kept\n"


def test_a_volume_in_use_is_refused_removal(client, names):
    volume = client.volumes.create(name=names("py-vol"))
    container = client.containers.create("busybox", ["true"], name=names(),
                                         volumes={volume.name: {"bind": "/data", "mode": "ro"}})
    with pytest.raises(docker.errors.APIError) as refused:
        volume.remove()
    assert refused.value.status_code == 409
    assert container.id in str(refused.value)
    container.remove()
    volume.remove()
    with pytest.raises(docker.errors.NotFound):
        client.volumes.get(volume.name)


def test_volume_prune_reports_what_it_removed(client, names):
    volume = client.volumes.create(name=names("py-vol"), labels={"py-prune": "yes"})
    pruned = client.volumes.prune(filters={"label": "py-prune=yes", "all": "true"})
    assert volume.name in pruned["VolumesDeleted"]


def test_members_of_a_network_find_each_other_by_name_and_alias(client, names):
    network = client.networks.create(names("py-net"), driver="bridge", labels={"suite": "docker-py"})
    server = client.containers.run(
        "busybox", ["sh", "-c", "mkdir /www && echo served > /www/index.html && exec httpd -f -p 8080 -h /www"],
        name=names("py-server"), detach=True)
    network.connect(server, aliases=["web-alias"])
    network.reload()
    assert server.id in [c.id for c in network.containers]
    server.reload()
    endpoint = server.attrs["NetworkSettings"]["Networks"][network.name]
    assert "web-alias" in endpoint["Aliases"]
    assert endpoint["IPAddress"]

    client_name = names("py-client")
    for host in ("web-alias", server.name):
        out = fetch(client, network.name, client_name, "http://%s:8080/" % host)
        assert out == b"served\n", host

    with pytest.raises(docker.errors.APIError) as refused:
        network.remove()
    assert refused.value.status_code == 403
    network.disconnect(server)
    server.kill()
    network.remove()


def fetch(client, network, name, url, seconds=30):
    """wget from a container on the network, retried while the server starts."""
    deadline = time.time() + seconds
    while True:
        try:
            return client.containers.run("busybox", ["wget", "-q", "-O-", url], network=network, remove=True,
                                         name=name)
        except docker.errors.ContainerError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)
