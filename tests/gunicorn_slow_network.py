"""gunicorn.conf.py as it is, on a slow network: small socket send buffers, so that a
reader taking its time keeps the worker writing (on loopback the kernel would otherwise
buffer megabytes and the server would be done at once)."""

import socket
from pathlib import Path

exec((Path(__file__).resolve().parent.parent / "gunicorn.conf.py").read_text())  # noqa: S102

SEND_BUFFER = 32 * 1024


def when_ready(server):
    # Accepted connections inherit the listening socket's buffer size.
    for listener in server.LISTENERS:
        listener.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
