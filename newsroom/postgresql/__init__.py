"""Django's PostgreSQL backend with a client-side bound on waiting for the server (base.py)."""
