FROM python:3-alpine3.15

ENV PYTHONUNBUFFERED=1
ENV PYTHONDONTWRITEBYTECODE=1

WORKDIR /app

COPY . .

RUN apk update && apk add --virtual .build-deps gcc musl-dev libffi-dev
RUN pip install -r requirements.txt
RUN apk del .build-deps

RUN addgroup -S appgroup && adduser -S appuser -G appgroup
USER appuser

ENV PORT=8000
EXPOSE $PORT
CMD gunicorn --bind 0.0.0.0:$PORT app:app
