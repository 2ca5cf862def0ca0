FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /bin/server ./cmd/server
EXPOSE 8080
ENTRYPOINT /bin/server
