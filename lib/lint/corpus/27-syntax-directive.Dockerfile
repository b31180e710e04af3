# syntax=docker/dockerfile:1.4
FROM busybox:latest
RUN --mount=type=cache,target=/root/.cache echo hi
USER nobody
