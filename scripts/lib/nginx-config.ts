// The nginx configuration of `npm run start:cluster` (decision 041): one server per public port, each
// passing to an upstream of app processes on loopback with keepalive connections, the request's Host and
// the X-Forwarded-* headers the apps read. Everything nginx writes stays under `dir`. The storefront's
// server keeps the pages the storefront marks public for one second (decision 045), so a warm page is
// nginx's work, not Node's.

export type NginxConfigInput = {
  /** Where the pid file, the error log and the temporary files go. */
  dir: string;
  /** Public port -> the loopback ports of the processes behind it. */
  servers: {
    name: string;
    port: number;
    upstreams: number[];
    /** Keep the public pages this server answers for a second (the storefront's, decision 045). */
    cachesPublicPages?: boolean;
  }[];
  /** The largest body nginx accepts (the API's upload limit; the apps check their own limits). */
  maxBodyBytes: number;
  /** nginx switches its workers to this user when started as root. */
  user?: string;
  /** Worker processes (default "auto": one per core). */
  workers?: number | "auto";
  /** A file to log each request to (default none: the apps log their own). */
  accessLog?: string;
};

export function nginxConfig(input: NginxConfigInput): string {
  const { dir } = input;
  const upstreams = input.servers.map(
    (server) => `  upstream ${server.name} {
${server.upstreams.map((port) => `    server 127.0.0.1:${port};`).join("\n")}
    keepalive 64;
    # Shorter than Node's own keep-alive timeout (5 s): otherwise nginx may reuse a connection the app is
    # closing, and a POST on it fails with 502 (nginx does not resend a POST).
    keepalive_timeout 4s;
  }`,
  );
  const servers = input.servers.map(
    (server) => `  server {
    listen ${server.port};
    location / {
      proxy_pass http://${server.name};${server.cachesPublicPages ? PAGE_CACHE_LOCATION : ""}
    }
  }`,
  );
  const cachesPages = input.servers.some((server) => server.cachesPublicPages);
  return `# Written by scripts/start-cluster-plan.ts at each start; edits are lost.
daemon off;
master_process on;
worker_processes ${input.workers ?? "auto"};
# Connections (two descriptors each when proxied) and the kept pages held open need more than the usual
# 1,024 descriptors a process may open; where the system allows less, nginx says so and goes on.
worker_rlimit_nofile 16384;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${input.user ? `user ${input.user};\n` : ""}
events {
  worker_connections 4096;
}

http {
  access_log ${input.accessLog ?? "off"};
  server_tokens off;
  # Kept pages go out from their files by sendfile(2), as a static server sends its files.
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size ${input.maxBodyBytes};

  # Keepalive to the upstreams needs HTTP/1.1 and no "Connection: close" passed on.
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  # The storefront finds the shop by Host; the apps take the buyer's address and https from these.
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_set_header X-Forwarded-Host $http_host;
  proxy_set_header X-Request-Id $request_id;
  # A process that is down (being restarted) is skipped; a request already sent is never sent twice
  # (nginx does not retry a POST once it reached an upstream).
  proxy_next_upstream error timeout;
  proxy_connect_timeout 2s;
  proxy_read_timeout 60s;
${cachesPages ? pageCacheHttp(dir) : ""}
${upstreams.join("\n\n")}

${servers.join("\n\n")}
}
`;
}

/** The page cache's zone and the test of what may go in it (the `http` block). */
function pageCacheHttp(dir: string): string {
  return `
  # Pages for everyone (the storefront says "public": catalogue pages) may be kept; carts, checkout,
  # order pages and previews say "private, no-store" and never are. Decision 045.
  proxy_cache_path ${dir}/page-cache levels=1:2 keys_zone=stall_pages:8m max_size=256m inactive=10m use_temp_path=off;
  map $upstream_http_cache_control $stall_page_not_public {
    ~*\\bpublic\\b 0;
    default 1;
  }
`;
}

/**
 * Each worker holds up to 1,000 kept pages open (decision 055). nginx opens a kept page's file through its
 * open file cache, which it asks with the inode of the file now in the cache: a page re-kept under a new
 * file is opened again at once, and one held open is read with no open, stat or close. Busy pages stay
 * open, least used go first; one unused for 20 s is closed. (bench/warm-pages.ts gives a static nginx
 * the same, to compare the front with it file for file.)
 */
export const HOLD_FILES_OPEN = "open_file_cache max=1000 inactive=20s;";

/**
 * The storefront's location: its public pages kept one second, per shop (Host) and URL and, through the
 * storefront's Vary, per Accept-Encoding. The storefront's own Cache-Control (s-maxage=60, for CDNs) is
 * not what this cache follows: a second keeps an owner's edit visible at once while a busy page is
 * rendered by Node about once a second per shop, page and encoding. A response that sets a cookie is
 * never kept (nginx's rule), a preview never used or kept, and while no storefront process answers (one
 * restarting) the last page is served rather than an error. Never stale otherwise: nginx keeps an
 * expired page when the storefront's new answer may not be kept, so serving stale "while updating" would
 * go on showing a shop the operator has just suspended (a 503 page). No cache lock: nginx's makes the
 * requests that come while a new page is fetched wait up to half a second (it looks again every 500 ms),
 * where the storefront shares one render among them itself (decision 054).
 */
const PAGE_CACHE_LOCATION = `
      proxy_cache stall_pages;
      proxy_cache_key $scheme://$http_host$request_uri;
      proxy_ignore_headers Cache-Control Expires X-Accel-Expires;
      proxy_cache_valid 200 1s;
      proxy_no_cache $stall_page_not_public $cookie_stall_preview;
      proxy_cache_bypass $cookie_stall_preview;
      proxy_cache_use_stale error timeout;
      add_header X-Cache-Status $upstream_cache_status always;
      ${HOLD_FILES_OPEN}`;
