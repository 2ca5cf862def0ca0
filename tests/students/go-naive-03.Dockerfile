FROM golang:1.19
ADD . /app
WORKDIR /app
RUN go mod download
RUN go build -o server
EXPOSE 8080
CMD ./server
