"""Where the room listens and how phones find it: the laptop's address on the room's network,
the join address as a QR code (segno), and the checks on `--host`."""

from __future__ import annotations

import ipaddress
import socket

from goodlooks.base.errors import UsageError

NO_NETWORK = ("this laptop has no network that phones could reach it on: join the room's Wi-Fi "
              "or turn on a phone's hotspot and join that, or name the address with --host ADDRESS")
ROUTE_PROBE = "192.0.2.1"
"""A documentation address (TEST-NET-1, RFC 5737) that no one uses: asking the system how it
would reach it names the address of the default route."""


def default_host() -> str:
    """The address of the default route (the one phones on the same network can reach), found
    without sending anything: connecting a UDP socket only asks the operating system which
    address it would send from; no packet leaves the laptop."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((ROUTE_PROBE, 9))
        address = probe.getsockname()[0]
    except OSError:
        raise UsageError(NO_NETWORK) from None
    finally:
        probe.close()
    if address in ("0.0.0.0", "") or ipaddress.ip_address(address).is_loopback:
        raise UsageError(NO_NETWORK)
    return address


def checked_host(host: str) -> str:
    """`--host` as an address to bind to: one interface, never all of them."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise UsageError(f"--host must be an address such as 192.168.1.20, not '{host[:60]}'; "
                         "leave it out to use this laptop's address on its network") from None
    if address.is_unspecified:
        raise UsageError(f"--host {host} would listen on every network at once; give one address, "
                         "or leave --host out to use this laptop's address on its network")
    if address.is_multicast:
        raise UsageError(f"--host {host} is a multicast address; give this laptop's own address")
    return str(address)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port` (0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # Named as TCP, so that asyncio turns Nagle's algorithm off on each connection it accepts (it
    # looks at the protocol number); otherwise each response waits out a delayed ACK, 40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        if port and error.errno in (98, 48, 10048):  # in use (Linux, macOS, Windows)
            raise UsageError(f"port {port} on {host} is in use; choose another --port, or leave it out "
                             "for a free one") from None
        raise UsageError(f"cannot listen on {host}: {error.strerror or error}; give an address of this "
                         "laptop with --host, or leave it out") from None
    return sock


def qr_text(address: str) -> str:
    """The address as the QR code holds it: upper case (the scheme, an IP address and the
    secret read the same in any case) fits QR's compact alphanumeric mode."""
    return address.upper()


def qr_lines(address: str) -> list[str]:
    """The QR code of the join address as lines of block characters, for the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(qr_text(address), error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue().rstrip("\n").split("\n")
