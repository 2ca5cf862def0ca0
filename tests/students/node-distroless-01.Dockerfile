FROM node:18 AS build
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .

FROM gcr.io/distroless/nodejs18-debian11
COPY --from=build /app /app
WORKDIR /app
EXPOSE 3000
CMD ["index.js"]
