FROM busybox:latest
ONBUILD COPY . /app
ONBUILD RUN echo built
ONBUILD FROM busybox
USER nobody
