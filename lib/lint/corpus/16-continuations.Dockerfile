FROM debian:bookworm-slim
RUN echo a \
    # a comment inside
    b \

    c
ENV A=1 \
    B=2 \
    C="three four"
LABEL org.opencontainers.image.title="demo" \
      version=1
USER nobody
