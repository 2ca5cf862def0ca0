const http = require("http");

http
  .createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("hello from node\n");
  })
  .listen(3000, () => console.log("listening on 3000"));
