"""gunicorn for the portal: `gunicorn --config deploy/gunicorn.conf.py bscp_portal.wsgi`.

One file for every app server; what differs between servers comes from the environment (see .env.example).
The access log goes to standard output, one line per request, with the request id the proxy sets
(`X-Request-ID`, deploy/nginx/bscp.conf) so a line can be matched with the proxy's log and the portal's own.
"""

import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Long enough for the largest upload on a slow line; the proxy buffers the body first (deploy/nginx/bscp.conf).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# The addresses of the proxies allowed to say the request came over HTTPS (X-Forwarded-Proto). The portal reads
# the client's address from X-Forwarded-For itself.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Restart each worker now and then, at different times, so that no slow leak grows for ever.
max_requests = 2000
max_requests_jitter = 200

# systemd (or the Procfile runner) manages the processes: no control socket in the home folder.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s forwarded_for="%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms '
    'referer="%(f)s" agent="%(a)s" request_id=%({x-request-id}i)s'
)

# A token in a path opens a Form B (`/cdop/form-b/<pk>/link/<token>/`), accepts an invitation
# (`/accounts/invitation/<token>/`) or sets a password (`/accounts/password-reset/<uid>/<token>/`): whoever reads
# the logs must not be able to, so tokens are left out of the request line and the referer (a page loaded from
# such a link sends it). deploy/nginx/bscp.conf does the same in the proxy's log.
SECRET_IN_PATH = re.compile(r"(/link/|/invitation/|/password-reset/[^/?#\s\"]+/)(?!set-password/)[^/?#\s\"]+")


class AccessLogger(Logger):
    """gunicorn's logger with the tokens in paths replaced by `[token]` in the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i"):
            if isinstance(atoms.get(key), str):
                atoms[key] = SECRET_IN_PATH.sub(r"\1[token]", atoms[key])
        return atoms


logger_class = AccessLogger
