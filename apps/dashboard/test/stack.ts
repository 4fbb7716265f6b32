// The real API (its own process, a fresh libSQL file, mail written as .eml files) and the built
// dashboard pointed at it, plus a cookie-keeping client that posts forms the way a browser does.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BuiltServer, freePort, startBuiltServer } from "@stall/http-edge/testing";

type ApiProcess = { url: string; dataDir: string; stop: () => Promise<void>; output: () => string };

// The API started as `npm start` starts it (`@stall/demo-seed/testing`), loaded at run time by a name held
// in a variable, so the dashboard's typecheck (DOM types) does not check the API's sources (Node types).
async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const testing = "@stall/demo-seed/testing";
  const { startApiProcess: start } = (await import(testing)) as {
    startApiProcess: (options: { env: Record<string, string> }) => Promise<ApiProcess>;
  };
  return start({ env });
}

export type Stack = {
  apiUrl: string;
  dashboard: BuiltServer;
  dashboardUrl: string;
  mailDir: string;
  /** The API's data folder: its database file is `stall.db` here (for `npm run stall` commands in tests). */
  dataDir: string;
  stop: () => Promise<void>;
};

/** `apiEnv` adds to the API's environment (say, a mail server that cannot be reached). */
export async function startStack(options: { apiEnv?: Record<string, string> } = {}): Promise<Stack> {
  const dashboardPort = await freePort();
  // The dashboard forwards each browser's address; the API believes it only with this secret beside it.
  const secret = randomBytes(32).toString("hex");
  const api = await startApiProcess({
    PUBLIC_DASHBOARD_URL: `http://localhost:${dashboardPort}`,
    STOREFRONT_SECRET: secret,
    ...options.apiEnv,
  });
  const { url: apiUrl, dataDir } = api;
  const stopApi = () => api.stop();
  const dashboard = await startBuiltServer(
    new URL("../", import.meta.url),
    "DASHBOARD_PORT",
    { PUBLIC_API_URL: apiUrl, STOREFRONT_SECRET: secret },
    { port: dashboardPort },
  ).catch(async (error) => {
    await stopApi();
    throw error;
  });
  return {
    apiUrl,
    dashboard,
    dashboardUrl: `http://localhost:${dashboard.port}`,
    mailDir: join(dataDir, "mail"),
    dataDir,
    stop: async () => {
      await dashboard.stop();
      await stopApi();
    },
  };
}

/** The first link to the dashboard in the newest .eml file sent to `to`, waiting for the outbox. */
export async function linkFromMail(mailDir: string, to: string, path: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(mailDir)
        .filter((file) => file.endsWith(".eml"))
        .sort()
        .reverse();
    } catch {}
    for (const file of files) {
      const raw = readFileSync(join(mailDir, file), "utf8");
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "mi").test(raw)) continue;
      // Quoted-printable soft breaks and =3D would hide the link; undo them.
      const text = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      const match = new RegExp(`https?://[^\\s"<>]*${path.replace(/[?]/g, "\\?")}[^\\s"<>]*`).exec(text);
      if (match) return match[0].replace(/&amp;/g, "&");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No mail to ${to} with a ${path} link in ${mailDir}`);
}

export type Reply = { status: number; location: string | null; body: string; headers: Headers };

/**
 * A browser stand-in: keeps cookies, sends the Origin a browser would, never follows redirects
 * (tests look at each hop), and posts urlencoded or multipart forms.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly options: { acceptLanguage?: string } = {},
  ) {}

  async get(path: string): Promise<Reply> {
    return this.send(path, { method: "GET" });
  }

  async post(
    path: string,
    form: Record<string, string | Blob> | FormData,
    extra: { origin?: string | null } = {},
  ): Promise<Reply> {
    let body: FormData | URLSearchParams;
    if (form instanceof FormData) body = form;
    else if (Object.values(form).some((value) => value instanceof Blob)) {
      body = new FormData();
      for (const [name, value] of Object.entries(form)) body.set(name, value);
    } else body = new URLSearchParams(form as Record<string, string>);
    const origin = extra.origin === undefined ? this.baseUrl : extra.origin;
    return this.send(path, { method: "POST", body, headers: origin === null ? {} : { origin } });
  }

  /** GET, following same-site redirects, as a browser does after a form; returns the final page. */
  async follow(reply: Reply, limit = 5): Promise<Reply & { url: string }> {
    let current = reply;
    let url = "";
    for (let hop = 0; hop < limit && current.location; hop += 1) {
      url = current.location;
      if (!url.startsWith("/")) return { ...current, url };
      current = await this.get(url);
    }
    return { ...current, url };
  }

  private async send(path: string, init: RequestInit): Promise<Reply> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    if (this.options.acceptLanguage) headers.set("accept-language", this.options.acceptLanguage);
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      const isExpired = attributes.some((attribute) => /max-age=0|expires=thu, 01 jan 1970/i.test(attribute.trim()));
      if (isExpired || value === "" || value === "deleted") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return {
      status: response.status,
      location: response.headers.get("location"),
      body: await response.text(),
      headers: response.headers,
    };
  }
}
