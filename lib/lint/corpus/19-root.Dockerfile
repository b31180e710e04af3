FROM python:3.13-slim
RUN useradd app
USER app
RUN echo hi
USER root
