FROM ubuntu:22.04
RUN apt-get update && apt-get install -y golang
COPY . /src
RUN cd /src && go build -o /usr/local/bin/app .
EXPOSE 8080
CMD app
