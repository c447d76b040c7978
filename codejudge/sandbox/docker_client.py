"""A Docker client that answered a ping, shared by the image builder and the Docker backend.

Below both (``image`` builds the sandbox image, ``docker`` runs containers from it), so
neither has to import the other for it.

>>> client = connect()                       # doctest: +SKIP
>>> client.version()["Version"]              # doctest: +SKIP
'20.10.24+dfsg1'
"""

from __future__ import annotations

from typing import Any

from codejudge.errors import BackendUnavailable, require

FIX_DAEMON = (
    "start dockerd (e.g. `dockerd &` or `systemctl start docker`) and check DOCKER_HOST / socket permissions"
)
FIX_SDK = "pip install 'codejudge[docker]'"


def connect(timeout: float = 30.0) -> Any:
    """A Docker client that answered a ping, or BackendUnavailable saying how to fix it."""
    try:
        docker = require("docker", "docker")
    except Exception as exc:  # MissingExtraError
        raise BackendUnavailable("docker", "the Docker SDK is not installed", FIX_SDK) from exc
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except Exception as exc:  # DockerException, requests errors: the daemon is not reachable
        raise BackendUnavailable(
            "docker", f"cannot reach the Docker daemon ({str(exc)[:200]})", FIX_DAEMON
        ) from exc
    return client
