"""Fixtures of the docker-py suite: a client of Berth's gateway and names that clean up after themselves.

DockerPyIT runs this suite with Debian's python3, python3-docker and python3-pytest against the e2e platform;
DOCKER_HOST names its gateway and BERTH_REGISTRY its own registry (host:port).
"""
import os
import uuid

import docker
import pytest


@pytest.fixture(scope="session")
def client():
    c = docker.from_env(timeout=120)
    yield c
    c.close()


@pytest.fixture(scope="session")
def registry():
    return os.environ["BERTH_REGISTRY"]


@pytest.fixture
def names(client):
    """Unique names for a test's objects; every container, image, volume and network so named is removed after it."""
    made = []

    def name(prefix="py"):
        value = "%s-%s" % (prefix, uuid.uuid4().hex[:10])
        made.append(value)
        return value

    yield name
    for value in made:
        for remove in (lambda: client.containers.get(value).remove(force=True, v=True),
                       lambda: client.networks.get(value).remove(),
                       lambda: client.volumes.get(value).remove(force=True),
                       lambda: client.images.remove(value, force=True)):
            try:
                remove()
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError:
                pass
