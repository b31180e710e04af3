FROM busybox:latest
RUN apk add --no-cache \
    zsh \
    bash
USER nobody
