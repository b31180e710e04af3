"""A queue worker: handles one job after another until it is told to stop.

Ctrl+C (SIGINT) raises KeyboardInterrupt, so the worker finishes the current job
and exits cleanly. It installs no handler for SIGTERM.
"""
import os
import sys
import time

print(f"worker running as PID {os.getpid()}, MODE={os.environ.get('MODE', 'unset')}", flush=True)
if "--once" in sys.argv:
    # One job, then exit: what a quick test (and Check my work) runs.
    print("handled 1 job", flush=True)
    sys.exit(0)

jobs = 0
try:
    while True:
        time.sleep(1)
        jobs += 1
except KeyboardInterrupt:
    print(f"interrupted: finished the current job, {jobs} handled, shutting down cleanly", flush=True)
