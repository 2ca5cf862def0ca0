const http = require("http");

http
  .createServer((req, res) => res.end("hello from node"))
  .listen(3000, "0.0.0.0");
