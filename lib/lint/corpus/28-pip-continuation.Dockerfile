FROM python:3.13-slim
RUN pip install \
    requests \
    flask \
    click
USER nobody
