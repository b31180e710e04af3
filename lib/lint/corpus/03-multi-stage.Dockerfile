ARG BASE=python:3.13-slim
FROM ${BASE} AS build
WORKDIR /src
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM busybox:latest AS tools
RUN echo tools > /tools.txt

FROM python:3.13-slim
COPY --from=build /install /usr/local
COPY --from=tools /tools.txt /
COPY --from=1 /tools.txt /again.txt
USER nobody
CMD ["python", "-m", "http.server"]
