FROM golang:1.21-bookworm
ENV CGO_ENABLED=0
WORKDIR /app
COPY . .
RUN go mod tidy
RUN go build -o server main.go
RUN useradd -u 10001 app
USER app
CMD ["./server"]
