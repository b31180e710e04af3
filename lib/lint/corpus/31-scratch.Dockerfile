FROM busybox:latest AS src
RUN echo hi > /hello
FROM scratch
COPY --from=src /hello /hello
CMD ["/hello"]
