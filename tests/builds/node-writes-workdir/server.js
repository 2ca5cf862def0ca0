const fs = require("fs");
const http = require("http");

fs.mkdirSync("data", { recursive: true });
fs.writeFileSync("data/started", "yes\n");
http
  .createServer((req, res) => res.end("hello from a node app that writes\n"))
  .listen(3000);
