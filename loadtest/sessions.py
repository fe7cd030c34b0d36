"""Log the simulated workers in ahead of the load test: one session per seeded worker, printed as JSON.

The load test measures the work (caseload, client, network, recording), not fifty password checks in the
first seconds: Argon2 is slow on purpose, and real workers do not all log in within the same ten seconds.
Run with the load test's environment: ``python -m loadtest.sessions 50``.
"""

from __future__ import annotations

import json
import sys


def main(count: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kring.accounts.models import User
    from kring.demo import seed

    sessions = {}
    for number in range(count):
        team, worker = divmod(number, seed.WORKERS_PER_TEAM)
        user = User.objects.get(email=seed.worker_email(team, worker))
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.email] = store.session_key
    print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
