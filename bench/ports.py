"""A free local TCP port, for a bench that starts a server of its own."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on now (the system's choice); the caller's server binds it next."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
