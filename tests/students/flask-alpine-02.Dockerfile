FROM python:3.11-alpine3.19
WORKDIR /app
COPY requirements.txt .
RUN apk add gcc musl-dev
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN adduser -D appuser
USER appuser
EXPOSE 5000
CMD ["python", "app.py"]
