FROM python:3.11 AS builder
WORKDIR /app
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.11-slim
WORKDIR /app
COPY --from=builder /wheels /wheels
RUN pip install /wheels/*
COPY . .
RUN useradd app
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
