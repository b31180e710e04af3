FROM python:3.13-slim
LABEL description="Grüße aus Zürich — 日本語 🐳"
ENV GREETING="héllo wörld"
RUN echo "ünïcödé ✓" > /tmp/ü.txt
USER nobody
CMD ["python", "-c", "print('🐳')"]
