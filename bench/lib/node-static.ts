// The least a Node process can do to serve a page: node:http, one file's bytes and a fixed set of
// headers, nothing else. The warm-page benchmark runs it beside nginx to show how much of the gap to
// nginx is Node's HTTP itself and how much is the storefront's own work.
// `node bench/lib/node-static.ts <port> <path> <body file> '<headers json>'`
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port = "0", path = "/", file = "", headersJson = "{}"] = process.argv.slice(2);
const body = readFileSync(file);
const headers = { ...(JSON.parse(headersJson) as Record<string, string>), "content-length": String(body.byteLength) };

createServer((request, response) => {
  if (request.url !== path) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
