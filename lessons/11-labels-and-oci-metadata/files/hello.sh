#!/bin/sh
# Prints a greeting and the version the image was built as.
echo "Hello from version ${APP_VERSION:-unknown}"
