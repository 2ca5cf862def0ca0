FROM alpine:latest
RUN apk add nodejs npm
WORKDIR /app
COPY . .
RUN npm install
EXPOSE 3000
ENTRYPOINT ["node", "app.js"]
