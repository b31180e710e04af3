FROM busybox:latest
RUN echo a \
