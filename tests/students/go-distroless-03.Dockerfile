FROM golang:alpine AS builder
RUN apk update && apk add --no-cache git
WORKDIR /build
COPY . .
RUN go build -ldflags="-s -w" -o app .

FROM gcr.io/distroless/static
COPY --from=builder /build/app /app
ENTRYPOINT /app
