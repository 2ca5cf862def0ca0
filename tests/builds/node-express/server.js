const express = require("express");

const app = express();
app.get("/", (req, res) => res.type("text/plain").send("hello from express\n"));
app.listen(3000, "0.0.0.0", () => console.log("listening on 3000"));
