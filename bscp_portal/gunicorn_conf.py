"""gunicorn's own logs as the portal's: its error log and an access log, one JSON object a line with the request's
id (`partnership.logs`). Use with `gunicorn -c python:bscp_portal.gunicorn_conf bscp_portal.wsgi`; anything else
(workers, bind) stays on the command line or in GUNICORN_CMD_ARGS.
"""

# Client (as the proxy passed it to gunicorn), request line, status, bytes, milliseconds, referrer, browser.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "partnership.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "partnership.logs.JsonFormatter"}},
    "handlers": {
        "json": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "json"},
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["json"], "propagate": False},
    },
}
