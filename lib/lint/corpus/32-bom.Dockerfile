FROM python:3.13-slim
WORKDIR /app
USER nobody
