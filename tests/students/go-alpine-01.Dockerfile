FROM golang:1.19-alpine3.15
RUN apk add --no-cache gcc musl-dev
WORKDIR /app
COPY . .
RUN go build -o bin/server ./cmd/server
RUN cd bin
EXPOSE 3000
CMD ["bin/server"]
