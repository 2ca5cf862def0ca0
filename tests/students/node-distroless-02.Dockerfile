FROM node:20 as builder
COPY . /usr/src/app
WORKDIR /usr/src/app
RUN npm install --production

FROM gcr.io/distroless/nodejs20-debian12:nonroot
COPY --from=builder /usr/src/app /usr/src/app
WORKDIR /usr/src/app
USER nonroot
CMD ["server.js"]
