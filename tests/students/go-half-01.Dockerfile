FROM golang:1.21
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /app/server .
RUN useradd appuser
USER appuser
EXPOSE 8080
CMD ["/app/server"]
