FROM node:18-alpine3.15
WORKDIR /app
COPY package*.json ./
RUN apk add --no-cache --virtual .gyp python3 make g++ && npm ci && apk del .gyp
COPY . .
RUN addgroup -S app && adduser -S app -G app
USER app
EXPOSE 8080
CMD ["node", "index.js"]
