FROM golang:1.21 as build
WORKDIR /go/src/app
COPY . .
RUN go mod download
RUN go build -o /go/bin/app

FROM gcr.io/distroless/base
COPY --from=build /go/bin/app /
CMD ["/app"]
