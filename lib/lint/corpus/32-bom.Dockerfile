FROM python:3.11-slim
WORKDIR /app
USER nobody
