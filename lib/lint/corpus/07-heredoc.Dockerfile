FROM debian:bookworm-slim
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
COPY <<-CONF /etc/app.conf
	key=value
	CONF
CMD ["bash"]
