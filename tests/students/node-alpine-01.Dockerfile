FROM node:16-alpine
RUN apk update && apk add python3 make g++
WORKDIR /app
COPY . .
RUN npm install
RUN apk del python3 make g++
EXPOSE 3000
CMD ["node", "server.js"]
