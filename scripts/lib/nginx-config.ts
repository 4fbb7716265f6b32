// The nginx configuration of `npm run start:cluster` (decision 041): one server per public port, each
// passing to an upstream of app processes on loopback with keepalive connections, the request's Host and
// the X-Forwarded-* headers the apps read. Everything nginx writes stays under `dir`.

export type NginxConfigInput = {
  /** Where the pid file, the error log and the temporary files go. */
  dir: string;
  /** Public port -> the loopback ports of the processes behind it. */
  servers: { name: string; port: number; upstreams: number[] }[];
  /** The largest body nginx accepts (the API's upload limit; the apps check their own limits). */
  maxBodyBytes: number;
  /** nginx switches its workers to this user when started as root. */
  user?: string;
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
      proxy_pass http://${server.name};
    }
  }`,
  );
  return `# Written by scripts/start-cluster-plan.ts at each start; edits are lost.
daemon off;
master_process on;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${input.user ? `user ${input.user};\n` : ""}
events {
  worker_connections 4096;
}

http {
  access_log off;
  server_tokens off;
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

${upstreams.join("\n\n")}

${servers.join("\n\n")}
}
`;
}
