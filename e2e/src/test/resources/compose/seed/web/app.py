"""Counts visits in a PostgreSQL table on the service called db."""
import os
import signal
import sys

import psycopg2
from flask import Flask

app = Flask(__name__)


@app.route("/")
def visit():
    with psycopg2.connect(host="db", user="postgres", password=os.environ["DB_PASSWORD"], dbname="postgres") as conn:
        with conn.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS visits (at timestamptz DEFAULT now())")
            cur.execute("INSERT INTO visits DEFAULT VALUES")
            cur.execute("SELECT count(*) FROM visits")
            return "visits: %d\n" % cur.fetchone()[0]


if __name__ == "__main__":
    # PID 1 ignores SIGTERM unless it handles it: stop at once rather than after compose's stop timeout.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app.run(host="0.0.0.0", port=5000)
