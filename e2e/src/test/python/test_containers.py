"""docker-py's containers API against Berth: run, logs, wait, exec_run, kill, attach socket, inspect fields."""
import io
import socket
import struct
import tarfile
import time

import docker
import pytest


def test_run_returns_the_output_and_removes_with_remove(client, names):
    name = names()
    out = client.containers.run("busybox", ["sh", "-c", "echo hello; echo to-stderr >&2"], name=name, remove=True)
    assert out == b"hello\n"
    with pytest.raises(docker.errors.NotFound):
        client.containers.get(name)


def test_a_failing_command_raises_container_error_with_its_exit_status(client, names):
    with pytest.raises(docker.errors.ContainerError) as failed:
        client.containers.run("busybox", ["sh", "-c", "echo broken >&2; exit 3"], name=names())
    assert failed.value.exit_status == 3
    assert b"broken" in failed.value.stderr


def test_an_unknown_image_raises_image_not_found(client, names):
    with pytest.raises(docker.errors.ImageNotFound):
        client.containers.create("berth-test/no-such-image:1", name=names())


def test_detached_run_logs_and_wait(client, names):
    container = client.containers.run("busybox", ["sh", "-c", "echo out; echo err >&2; exit 4"], name=names(),
                                      detach=True, labels={"suite": "docker-py"}, environment={"GREETING": "hi"})
    assert container.wait(timeout=60) == {"StatusCode": 4, "Error": None}
    assert container.logs(stdout=True, stderr=False) == b"out\n"
    assert container.logs(stdout=False, stderr=True) == b"err\n"
    container.reload()
    assert container.status == "exited"
    assert container.attrs["State"]["ExitCode"] == 4
    assert container.labels == {"suite": "docker-py"}
    assert "GREETING=hi" in container.attrs["Config"]["Env"]
    listed = client.containers.list(all=True, filters={"label": "suite=docker-py", "status": "exited"})
    assert container.id in [c.id for c in listed]


def test_exec_run_gives_exit_code_output_env_and_workdir(client, names):
    container = client.containers.run("busybox", ["sleep", "60"], name=names(), detach=True)
    result = container.exec_run(["sh", "-c", "echo $WHO in $(pwd); exit 5"], environment={"WHO": "py"},
                                workdir="/tmp")
    assert result.exit_code == 5
    assert result.output == b"py in /tmp\n"
    out, err = container.exec_run(["sh", "-c", "echo o; echo e >&2"], demux=True).output
    assert (out, err) == (b"o\n", b"e\n")
    assert container.exec_run(["id", "-u"], user="65534").output == b"65534\n"
    container.kill()


def test_kill_with_a_signal_the_process_handles(client, names):
    container = client.containers.run(
        "busybox", ["sh", "-c", "trap 'exit 7' TERM; echo ready; while true; do sleep 0.1; done"],
        name=names(), detach=True)
    wait_for_log(container, b"ready")
    container.kill(signal="SIGTERM")
    assert container.wait(timeout=30)["StatusCode"] == 7
    with pytest.raises(docker.errors.APIError) as refused:
        container.kill()
    assert refused.value.status_code == 409


def test_stop_and_remove_of_a_running_container(client, names):
    container = client.containers.run("busybox", ["sleep", "60"], name=names(), detach=True)
    with pytest.raises(docker.errors.APIError) as refused:
        container.remove()
    assert refused.value.status_code == 409
    container.stop(timeout=1)
    container.reload()
    assert container.status == "exited"
    container.remove()
    with pytest.raises(docker.errors.NotFound):
        container.reload()


def test_attach_socket_carries_stdin_and_framed_output(client, names):
    container = client.containers.create("busybox", ["cat"], name=names(), stdin_open=True)
    sock = container.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
    raw = sock._sock
    container.start()
    raw.sendall(b"through the socket\n")
    assert read_frame(raw) == (1, b"through the socket\n")
    raw.shutdown(socket.SHUT_WR)
    assert container.wait(timeout=30)["StatusCode"] == 0
    raw.close()


def test_ports_published_and_shown(client, names):
    container = client.containers.run("busybox", ["sleep", "60"], name=names(), detach=True,
                                      ports={"8080/tcp": ("127.0.0.1", None)})
    container.reload()
    binding = container.attrs["NetworkSettings"]["Ports"]["8080/tcp"][0]
    assert binding["HostIp"] == "127.0.0.1"
    assert int(binding["HostPort"]) > 0
    assert container.ports["8080/tcp"][0]["HostPort"] == binding["HostPort"]
    container.kill()


def wait_for_log(container, text, seconds=30):
    deadline = time.time() + seconds
    while text not in container.logs():
        assert time.time() < deadline, "no %r in the logs" % text
        time.sleep(0.1)


def read_frame(raw):
    """One frame of Docker's multiplexed stream: (stream, payload)."""
    header = read_exactly(raw, 8)
    stream, size = struct.unpack(">BxxxL", header)
    return stream, read_exactly(raw, size)


def read_exactly(raw, size):
    data = b""
    while len(data) < size:
        chunk = raw.recv(size - len(data))
        assert chunk, "the stream ended after %d of %d bytes" % (len(data), size)
        data += chunk
    return data


def test_put_archive_and_get_archive(client, names):
    container = client.containers.create("busybox", ["cat", "/dropped/file.txt"], name=names())
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        payload = b"put by docker-py\n"
        info = tarfile.TarInfo("dropped/file.txt")
        info.size = len(payload)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(payload))
    assert container.put_archive("/", data.getvalue())
    container.start()
    assert container.wait(timeout=30)["StatusCode"] == 0
    assert container.logs() == b"put by docker-py\n"

    chunks, stat = container.get_archive("/dropped/file.txt")
    assert stat["name"] == "file.txt"
    assert stat["size"] == len(b"put by docker-py\n")
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as tar:
        assert tar.getnames() == ["file.txt"]
        assert tar.extractfile("file.txt").read() == b"put by docker-py\n"
    with pytest.raises(docker.errors.NotFound):
        container.get_archive("/no/such/file")


def test_restart_pause_top_and_stats(client, names):
    container = client.containers.run("busybox", ["sh", "-c", "echo started; exec sleep 60"], name=names(),
                                      detach=True)
    wait_for_log(container, b"started")
    top = container.top()
    assert "PID" in top["Titles"]
    assert any("sleep 60" in " ".join(process) for process in top["Processes"])

    stats = container.stats(stream=False)
    assert stats["id"] == container.id
    assert stats["memory_stats"]["usage"] > 0
    assert "cpu_usage" in stats["cpu_stats"]

    container.pause()
    container.reload()
    assert container.status == "paused"
    container.unpause()
    container.reload()
    assert container.status == "running"

    started = container.attrs["State"]["StartedAt"]
    container.restart(timeout=1)
    container.reload()
    assert container.status == "running"
    assert container.attrs["State"]["StartedAt"] != started
    assert container.attrs["RestartCount"] == 0
    container.kill()
