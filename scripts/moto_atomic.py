"""moto server that handles one request at a time.

moto's threaded server has no locks: two concurrent conditional writes can both pass
their condition, which real DynamoDB never allows (every PutItem, UpdateItem and
TransactWriteItems is atomic). Serialising the requests gives the emulator that
guarantee, so the concurrency tests test our conditions, not moto's races.

Usage: python moto_atomic.py <host> <port>
"""
import os
import sys
import threading

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
one_at_a_time = threading.Lock()


def atomic(environ, start_response):
    with one_at_a_time:
        # The whole answer is produced under the lock.
        return list(app(environ, start_response))


run_simple(host, port, atomic, threaded=True, request_handler=MotoRequestHandler)
