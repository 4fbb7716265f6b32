// A storefront page as a browser at `http://{host}/` gets it. fetch() may not set Host (a forbidden
// header), and `*.localhost` names need not resolve outside browsers: the request goes to `origin` (a
// loopback address and port) with the Host header set.
import { request } from "@stall/http-edge/testing";

export type Page = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export async function getPage(
  origin: string,
  host: string,
  path = "/",
  headers: Record<string, string> = {},
): Promise<Page> {
  const reply = await request(Number(new URL(origin).port), {
    path,
    headers: { host, "accept-encoding": "identity", ...headers },
  });
  return { status: reply.status, headers: reply.headers, body: reply.bytes.toString("utf8") };
}
