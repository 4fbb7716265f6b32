// A readable API reference rendered on the server from the OpenAPI document: no scripts, no CDN.
import { hashSource, inlineBlocks } from "@stall/http-edge";

type Schema = Record<string, unknown>;
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
};
export type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "");
}

/** A compact, human-readable rendering of a JSON schema. */
function describeSchema(schema: Schema | undefined, depth = 0): string {
  if (!schema) return "";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1) ?? "";
  if (depth > 4) return "…";
  const type = schema.type;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf ?? schema.oneOf)) {
    return ((schema.anyOf ?? schema.oneOf) as Schema[]).map((part) => describeSchema(part, depth + 1)).join(" | ");
  }
  if (type === "array") return `${describeSchema(schema.items as Schema, depth + 1)}[]`;
  if (type === "object" || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required ?? []) as string[]);
    const pad = "  ".repeat(depth + 1);
    const lines = Object.entries(properties).map(
      ([name, value]) => `${pad}${name}${required.has(name) ? "" : "?"}: ${describeSchema(value, depth + 1)}`,
    );
    return lines.length ? `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}` : "{}";
  }
  return Array.isArray(type) ? type.join(" | ") : String(type ?? "any");
}

function renderOperation(method: string, path: string, operation: Operation): string {
  const id = anchor(method, path);
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content ?? {};
  const responses = Object.entries(operation.responses ?? {});
  return `<section class="op" aria-labelledby="${id}">
<h3 id="${id}"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
${operation.summary ? `<p class="summary">${escapeHtml(operation.summary)}</p>` : ""}
${operation.description ? `<p>${escapeHtml(operation.description)}</p>` : ""}
${operation.security?.length ? '<p class="auth">Needs <code>Authorization: Bearer &lt;token&gt;</code>.</p>' : ""}
${
  parameters.length
    ? `<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">About</th></tr></thead><tbody>${parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? " (required)" : ""}</td><td>${escapeHtml(parameter.in)}</td><td><code>${escapeHtml(describeSchema(parameter.schema))}</code></td><td>${escapeHtml(parameter.description ?? "")}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : ""
}
${Object.entries(body)
  .map(
    ([type, content]) =>
      `<h4>Request body <small>(${escapeHtml(type)})</small></h4><pre><code>${escapeHtml(describeSchema(content.schema))}</code></pre>`,
  )
  .join("")}
<h4>Responses</h4><ul class="responses">${responses
    .map(([status, response]) => {
      const schema = Object.values(response.content ?? {})[0]?.schema;
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? "")}${
        schema ? `<pre><code>${escapeHtml(describeSchema(schema))}</code></pre>` : ""
      }</li>`;
    })
    .join("")}</ul>
</section>`;
}

/** The whole reference page: a table of contents by tag, then every operation. */
export function renderDocsPage(document: OpenApiDocument): string {
  const operations: { tag: string; method: string; path: string; operation: Operation }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operations.push({ tag: operation.tags?.[0] ?? "Other", method, path, operation });
    }
  }
  const tags = [...new Set(operations.map((entry) => entry.tag))];
  const schemas = Object.entries(document.components?.schemas ?? {});
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} reference</title><link rel="icon" href="data:,">
<style>
:root{color-scheme:light;--fg:#1b1b1f;--muted:#4a4a55;--line:#d9d9e0;--bg:#fff;--code:#f3f3f6}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:60rem;margin:0 auto;padding:1rem}header{border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:.5rem 0}h2{margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;overflow-wrap:anywhere}
code,pre{font:14px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:var(--code);padding:.75rem;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
.method{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;padding:0 .3rem;color:#fff;font-size:.85rem}
.get{background:#1d5fb8}.post{background:#1f7a3a}.patch,.put{background:#8a5a00}.delete{background:#b3261e}
.op{border:1px solid var(--line);border-radius:8px;padding:0 1rem 1rem;margin:1rem 0}.summary{font-weight:600}
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{border-bottom:1px solid var(--line);padding:.35rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
body{overflow-wrap:anywhere}
a{color:#1d5fb8}a:focus-visible{outline:3px solid #1d5fb8;outline-offset:2px}nav ul{padding-left:1.2rem}nav li{margin:.35rem 0}
.auth{color:var(--muted)}
</style></head>
<body><header><h1>${escapeHtml(document.info.title)} <small>v${escapeHtml(document.info.version)}</small></h1>
${document.info.description ? `<p>${escapeHtml(document.info.description)}</p>` : ""}
<p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a>. Errors are <code>application/problem+json</code>.</p></header>
<main>
<nav aria-label="Contents"><h2>Contents</h2><ul>${tags
    .map(
      (tag) =>
        `<li>${escapeHtml(tag)}<ul>${operations
          .filter((entry) => entry.tag === tag)
          .map(
            (entry) =>
              `<li><a href="#${anchor(entry.method, entry.path)}">${entry.method.toUpperCase()} ${escapeHtml(entry.path)}</a></li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("")}</ul></nav>
${tags
  .map(
    (tag) =>
      `<h2>${escapeHtml(tag)}</h2>${operations
        .filter((entry) => entry.tag === tag)
        .map((entry) => renderOperation(entry.method, entry.path, entry.operation))
        .join("")}`,
  )
  .join("")}
${schemas.length ? `<h2>Schemas</h2>${schemas.map(([name, schema]) => `<h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3><pre><code>${escapeHtml(describeSchema(schema))}</code></pre>`).join("")}` : ""}
</main></body></html>`;
}

/**
 * The page's Content-Security-Policy: its one inline stylesheet (by hash), the data: icon, links only.
 * No scripts, fetches, forms, frames or base URL: the schema text it shows comes from route definitions,
 * and should any of it slip past escaping, it can neither run nor send anything anywhere.
 */
export function docsPagePolicy(html: string): string {
  const { styles } = inlineBlocks(html);
  return [
    "default-src 'none'",
    `style-src ${styles.map(hashSource).join(" ") || "'none'"}`,
    "img-src data:",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
