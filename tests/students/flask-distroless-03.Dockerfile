FROM python:3.11-alpine AS builder
WORKDIR /build
COPY . .
RUN apk add gcc musl-dev
RUN pip install --prefix=/install -r requirements.txt

FROM gcr.io/distroless/python3-debian12
COPY --from=builder /install /usr/local
COPY --from=builder /build /app
WORKDIR /app
USER nonroot
ENTRYPOINT python3 app.py
