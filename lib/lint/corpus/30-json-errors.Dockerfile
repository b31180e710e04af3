FROM busybox:latest
CMD ["sleep", 10]
ENTRYPOINT [“sh”, “-c”]
RUN [ -f /etc/passwd ] && echo ok
USER nobody
