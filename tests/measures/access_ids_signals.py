"""How the access sweep finds an object for the signal URLs that take an id: none do.

``signals:list`` shows only the clients of the user's own teams (tests/measures/test_signals_views.py);
``signals:settings`` answers 404 to everyone but the organisation's admin.
"""

ID_FOR: dict = {}
