FROM debian:bookworm-slim
ADD rootfs.tar.gz /
ADD app.py /app/
ADD --chown=nobody:nogroup config /etc/app/
USER nobody
