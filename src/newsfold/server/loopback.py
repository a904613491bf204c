"""Whether a host is this machine: the one rule the server's guard, its config and the CLI's
``serve`` share. No web framework here, so ``newsfold.server`` imports without the extra."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (a name other than localhost may be anywhere)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
