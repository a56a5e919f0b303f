"""gunicorn's logger for `nrm serve`: no client address in the error log or the access log.

gunicorn writes "Invalid request from ip=..." for malformed requests, and its access log
starts with the client's address (`%(h)s`). Anonymous reporters' addresses must never be
stored, so both are blanked whatever the log format an operator chooses.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from nrm.core.logging import REDACTED, NoAddresses

ADDRESS_HEADERS = ("x-forwarded-for", "x-real-ip", "forwarded", "true-client-ip", "remote")
# The access log format of `nrm serve`, should an operator turn the access log on.
ACCESS_LOG_FORMAT = '"%(r)s" %(s)s %(b)s %(M)sms'


class AddresslessLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(NoAddresses())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = dict(super().atoms(resp, req, environ, request_time))
        atoms["h"] = REDACTED
        for key in list(atoms):
            if key.startswith("{") and any(name in key.lower() for name in ADDRESS_HEADERS):
                atoms[key] = REDACTED
        return atoms
