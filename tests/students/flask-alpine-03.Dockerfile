FROM python:3-alpine3.15
RUN apk update
RUN apk add --no-cache build-base postgresql-dev
COPY . /app
WORKDIR /app
RUN pip install -r requirements.txt
RUN adduser -D appuser && chown -R appuser:appuser /app
USER appuser
EXPOSE 5000
CMD ["flask", "run", "--host", "0.0.0.0"]
