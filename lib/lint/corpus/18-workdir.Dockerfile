FROM python:3.13-slim
WORKDIR app
WORKDIR src
WORKDIR $HOME
USER nobody
