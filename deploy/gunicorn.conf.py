"""gunicorn for the portal: `gunicorn --config deploy/gunicorn.conf.py bscp_portal.wsgi`.

One file for every app server; what differs between servers comes from the environment (.env.example). gunicorn's
own lines and its access log are the portal's JSON lines (`partnership.logs`: time, level, logger, message,
request id) on standard error, so one request's lines, the proxy's `X-Request-ID` included (deploy/nginx/bscp.conf),
are found by one id. Tokens in paths and referers are replaced by `[token]`, with the same patterns as the portal's
own log.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Long enough for the largest upload on a slow line; the proxy buffers the body first (deploy/nginx/bscp.conf).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# The addresses of the proxies allowed to say the request came over HTTPS (X-Forwarded-Proto). The portal reads
# the client's address from X-Forwarded-For itself (TRUSTED_PROXY_HOPS).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Restart each worker now and then, at different times, so that no slow leak grows for ever.
max_requests = 2000
max_requests_jitter = 200

# systemd (or the Procfile runner) manages the processes: no control socket in the home folder.
control_socket_disable = True

# The access line's message: the connecting address (the proxy), request line, status, bytes, milliseconds, referer,
# browser, and the X-Forwarded-For the proxy passed on. The request id is the JSON line's own `request_id`.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(b)s %(M)sms referer="%(f)s" agent="%(a)s" forwarded_for="%({x-forwarded-for}i)s"'
)

# With a logging configuration gunicorn writes its access log without `accesslog`; both loggers go to the JSON handler.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "partnership.logs.RequestIdFilter"},
        "redact_tokens": {"()": "partnership.logs.RedactTokensFilter"},
    },
    "formatters": {"json": {"()": "partnership.logs.JsonFormatter"}},
    "handlers": {
        "json": {"class": "logging.StreamHandler", "filters": ["request_id", "redact_tokens"], "formatter": "json"},
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["json"], "propagate": False},
    },
}
