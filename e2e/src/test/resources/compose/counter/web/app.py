"""Counts hits in Redis and says which container answered."""
import os
import signal
import socket
import sys

import redis
from flask import Flask

app = Flask(__name__)
cache = redis.Redis(host=os.environ["REDIS_HOST"], port=6379)


@app.route("/")
def hit():
    return "hits: %d from %s, %s\n" % (cache.incr("hits"), socket.gethostname(), os.environ.get("GREETING", "no greeting"))


if __name__ == "__main__":
    # PID 1 ignores SIGTERM unless it handles it: stop at once rather than after compose's stop timeout.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app.run(host="0.0.0.0", port=5000)
