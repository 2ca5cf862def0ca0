FROM python:3.11.5-alpine3.18

WORKDIR /app
COPY . .
RUN apk add --no-cache --virtual .build-deps gcc musl-dev && \
    pip install -r requirements.txt && \
    apk del .build-deps
RUN adduser -D -H appuser
USER appuser
EXPOSE 5000
CMD ["python", "app.py"]
