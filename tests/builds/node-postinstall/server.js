const fs = require("fs");
const http = require("http");
const greeting = fs.readFileSync(__dirname + "/greeting.txt");
http.createServer((req, res) => res.end(greeting)).listen(3000, "0.0.0.0");
