// A storefront page as a browser at `http://{host}/` gets it. fetch() may not set Host (a forbidden
// header), and `*.localhost` names need not resolve outside browsers: node:http sends it to `origin`.
import { request } from "node:http";

export type Page = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export function getPage(origin: string, host: string, path = "/", headers: Record<string, string> = {}): Promise<Page> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = request(
      url,
      { headers: { host, "accept-encoding": "identity", ...headers }, timeout: 30_000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} in 30 s`)));
    req.on("error", reject);
    req.end();
  });
}
