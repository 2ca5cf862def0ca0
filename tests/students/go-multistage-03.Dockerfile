FROM golang:1.21 as builder
WORKDIR /go/src/app
COPY . .
RUN go build -o /go/bin/app

FROM debian:bullseye
COPY --from=builder /go/bin/app /app
RUN apt-get update && apt-get install -y ca-certificates
USER nobody
CMD /app
