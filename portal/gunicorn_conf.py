"""gunicorn settings for the portal (`gunicorn --config python:portal.gunicorn_conf
"portal:create_app()"`), used by the one-command run, production mode and Docker alike.

Threads, not only processes: a chat request waits on Rasa (I/O), so each worker serves
several at once. JOBVEJ_BIND (127.0.0.1:8000), JOBVEJ_WORKERS (2 × cores + 1, at most 8),
JOBVEJ_THREADS (8) and JOBVEJ_ACCESS_LOG ("-" = stdout, "" = off) change it.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("JOBVEJ_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("JOBVEJ_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("JOBVEJ_THREADS") or 8)
worker_class = "gthread"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (bounded memory), not all at once.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("JOBVEJ_ACCESS_LOG", "-") or None
errorlog = "-"
# Never log query strings with personal data: method, path, status, size and duration only.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("JOBVEJ_FORWARDED_ALLOW_IPS", "127.0.0.1")
