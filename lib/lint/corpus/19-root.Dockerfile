FROM python:3.11-slim
RUN useradd app
USER app
RUN echo hi
USER root
