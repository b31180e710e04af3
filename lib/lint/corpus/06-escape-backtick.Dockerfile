# escape=`
FROM debian:bookworm-slim
RUN echo one `
    two `
    three
COPY app.py C:\app\
WORKDIR /app
USER nobody
