FROM ubuntu:20.04
RUN apt-get update
RUN apt-get install -y nodejs npm
COPY . /app
RUN cd /app && npm install
WORKDIR /app
CMD ["node", "server.js"]
