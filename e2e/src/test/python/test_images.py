"""docker-py's images API against Berth: build from a file object and from a path, tag, push, pull, save, load,
history, prune."""
import io
import json

import docker
import pytest

DOCKERFILE = b"""FROM busybox
ARG WORD=built
RUN echo $WORD > /built
LABEL suite=docker-py
CMD ["cat", "/built"]
"""


def build(client, tag, **kwargs):
    image, logs = client.images.build(tag=tag, rm=True, **kwargs)
    return image, [entry for entry in logs]


def test_build_from_a_file_object(client, names):
    tag = names("py-build")
    image, logs = build(client, tag, fileobj=io.BytesIO(DOCKERFILE), buildargs={"WORD": "from-fileobj"})
    assert any("Successfully built" in entry.get("stream", "") for entry in logs)
    assert tag + ":latest" in image.tags
    assert image.labels["suite"] == "docker-py"
    assert client.containers.run(image.id, remove=True) == b"from-fileobj\n"


def test_build_from_a_path_with_dockerignore(client, names, tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM busybox\nCOPY . /ctx/\nCMD [\"ls\", \"/ctx\"]\n")
    (tmp_path / "kept.txt").write_text("kept")
    (tmp_path / "secret.txt").write_text("ignored")
    (tmp_path / ".dockerignore").write_text("secret.txt\n")
    tag = names("py-build")
    image, _ = build(client, tag, path=str(tmp_path))
    listing = client.containers.run(image.id, remove=True).decode().split()
    assert "kept.txt" in listing
    assert "secret.txt" not in listing


def test_a_failing_step_raises_build_error_with_dockers_words(client, names):
    with pytest.raises(docker.errors.BuildError) as failed:
        build(client, names("py-build"), fileobj=io.BytesIO(b"FROM busybox\nRUN exit 3\n"))
    assert "The command '/bin/sh -c exit 3' returned a non-zero code: 3" in str(failed.value)


def test_tag_push_remove_and_pull_back(client, names, registry):
    tag = names("py-push")
    image, _ = build(client, tag, fileobj=io.BytesIO(DOCKERFILE))
    repository = "%s/docker-py/%s" % (registry, tag)
    assert image.tag(repository, tag="v1")
    progress = [json.loads(line) for line in
                client.images.push(repository, tag="v1").splitlines() if line.strip()]
    assert not [p for p in progress if "error" in p], progress
    assert any(p.get("aux", {}).get("Digest", "").startswith("sha256:") for p in progress)
    client.images.remove(repository + ":v1")
    with pytest.raises(docker.errors.ImageNotFound):
        client.images.get(repository + ":v1")
    pulled = client.images.pull(repository, tag="v1")
    assert pulled.id == image.id
    client.images.remove(repository + ":v1")


def test_save_and_load_give_back_the_same_image(client, names):
    tag = names("py-save")
    image, _ = build(client, tag, fileobj=io.BytesIO(DOCKERFILE))
    archive = b"".join(image.save(named=True))
    client.images.remove(image.id, force=True)
    loaded = client.images.load(archive)
    assert [i.id for i in loaded] == [image.id]
    assert tag + ":latest" in client.images.get(tag).tags


def test_history_names_the_steps(client, names):
    image, _ = build(client, names("py-history"), fileobj=io.BytesIO(DOCKERFILE))
    steps = [entry["CreatedBy"] for entry in image.history()]
    assert any("echo $WORD > /built" in step for step in steps), steps
    assert steps[0].startswith("/bin/sh -c #(nop)  CMD")


def test_list_filters_and_prune(client, names):
    tag = names("py-prune")
    image, _ = build(client, tag, fileobj=io.BytesIO(DOCKERFILE))
    assert image.id in [i.id for i in client.images.list(filters={"label": "suite=docker-py"})]
    assert image.id in [i.id for i in client.images.list(name=tag)]
    pruned = client.images.prune(filters={"dangling": True})
    assert set(pruned) >= {"ImagesDeleted", "SpaceReclaimed"}
    assert client.images.get(tag).id == image.id


def test_a_missing_image_is_image_not_found(client):
    with pytest.raises(docker.errors.ImageNotFound):
        client.images.get("berth-test/no-such-image:1")
    with pytest.raises(docker.errors.NotFound):
        client.images.remove("berth-test/no-such-image:1")
