FROM golang:1.20-alpine
WORKDIR /app
COPY . .
RUN apk add git
RUN go build -o app
RUN adduser -D gopher
USER gopher
EXPOSE 8080
ENTRYPOINT ./app
