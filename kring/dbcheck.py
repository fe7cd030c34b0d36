"""``python -m kring.dbcheck URL``: exit 0 when the PostgreSQL server at URL answers, 1 otherwise."""

import sys

import dj_database_url


def main(url: str) -> int:
    import psycopg

    cfg = dj_database_url.parse(url)
    try:
        # Connect to the maintenance database: the test run creates its own.
        with psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return 0
    except psycopg.Error as error:
        print(f"PostgreSQL check failed: {error}".strip(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
