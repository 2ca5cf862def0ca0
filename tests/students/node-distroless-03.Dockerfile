FROM node:18-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci

FROM gcr.io/distroless/nodejs
COPY --from=build /app /
EXPOSE 3000
ENTRYPOINT node app.js
