FROM busybox:latest
RUN echo start
    echo forgot the backslash
COPPY a b
