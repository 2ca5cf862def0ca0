FROM golang:1.18
MAINTAINER "Student <s@example.com>"
WORKDIR /go/src/app
COPY . .
RUN go get -d -v
RUN go build -v -o app
RUN chmod +x app
EXPOSE 8080
CMD ["./app"]
