FROM python:3.11-slim
WORKDIR app
WORKDIR src
WORKDIR $HOME
USER nobody
