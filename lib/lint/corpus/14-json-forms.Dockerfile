FROM busybox:latest
RUN ["echo", "hi"]
CMD ["sh", "-c", "echo $HOME"]
ENTRYPOINT ['sh', '-c']
VOLUME ["/data"]
SHELL ["/bin/sh", "-c"]
USER nobody
