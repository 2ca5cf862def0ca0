FROM node:latest
WORKDIR /usr/src/app
COPY . .
RUN npm install
RUN apt-get update && apt-get install -y curl
EXPOSE 3000
CMD npm start
