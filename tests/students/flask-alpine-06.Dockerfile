FROM python:3.11-alpine
WORKDIR /usr/src/app
COPY . .
RUN apk update && apk upgrade
RUN apk add --no-cache --virtual build-deps gcc python3-dev musl-dev
RUN pip install --no-cache-dir -r requirements.txt
RUN apk del build-deps
RUN adduser -D myuser
USER myuser
CMD ["python", "app.py"]
