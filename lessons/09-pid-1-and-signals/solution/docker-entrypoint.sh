#!/bin/sh
# Runs before the worker: prepares what it needs, then starts the command
# the container was given (CMD, or the arguments of docker run).
set -e

# The mode the worker runs in, unless docker run -e MODE=... says otherwise.
export MODE="${MODE:-production}"

exec "$@"
