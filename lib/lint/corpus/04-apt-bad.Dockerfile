FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y \
      python3 \
      curl \
      ca-certificates
CMD bash
