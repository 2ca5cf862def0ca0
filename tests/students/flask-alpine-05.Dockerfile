FROM alpine:3.15
RUN apk add python3 py3-pip
WORKDIR /app
COPY . .
RUN pip3 install -r requirements.txt
EXPOSE 5000
CMD python3 app.py
