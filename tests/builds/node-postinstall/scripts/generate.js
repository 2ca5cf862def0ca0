// Run by npm after the install (postinstall): writes what the server serves, from a file of the sources.
const fs = require("fs");
const path = require("path");
const template = fs.readFileSync(path.join(__dirname, "greeting.template"), "utf8");
fs.writeFileSync(path.join(__dirname, "..", "greeting.txt"), template.replace("{{who}}", "postinstall"));
