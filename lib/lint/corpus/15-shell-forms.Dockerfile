FROM busybox:latest
USER nobody
ENTRYPOINT exec httpd -f -p 8080
CMD echo "$HOME" && sleep 1
