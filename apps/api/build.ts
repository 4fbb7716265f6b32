// `npm run build -w @stall/api`: the API as one ES module, `dist/server.mjs`, for `npm start` and every
// process started outside the tests (decision 042). Run from its TypeScript sources, each API process
// paid about 45 MB of resident memory for Node's type stripping (a WebAssembly compiler that stays loaded)
// and for loading some 600 modules one by one; the bundle needs neither. The API's own tests and `npm run dev`
// keep running the sources; the storefront's and the dashboard's tests start this bundle when it is newer
// than every source it is built from (decision 061).
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const outdir = fileURLToPath(new URL("./dist", import.meta.url));
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    server: fileURLToPath(new URL("./src/server.ts", import.meta.url)),
    // Tinypool starts the password hasher's threads from a file of their own (adapters/password-hasher.ts).
    "password-hasher.worker": fileURLToPath(new URL("./src/adapters/password-hasher.worker.ts", import.meta.url)),
    // The database writer's thread (packages/db/src/writer-thread.ts, decision 047) likewise.
    "writer-thread.worker": fileURLToPath(new URL("../../packages/db/src/writer-thread.worker.ts", import.meta.url)),
  },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  // Native, loaded on first use (decision 036), or starting threads from files of their own: they stay in
  // node_modules and load as they do from the sources.
  external: ["@libsql/client", "libsql", "sharp", "stripe", "tinypool", "ffi-rs"],
  // Some bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __stallRequire } from "node:module"; const require = __stallRequire(import.meta.url);',
  },
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});

// V8 holds a module's source text for as long as the module lives, one byte a character when every
// character is Latin-1 and two bytes otherwise. esbuild writes code ASCII-only (its default charset
// escapes strings, templates and regular expressions) but keeps comments as they are, and a few
// typographic quotes in the bundled packages' comments doubled the API's 3 MB of source on the heap
// (5.9 MB). What is left outside ASCII is in comments, so each such character becomes "?": one UTF-16
// unit for one, so the source map's columns still hold.
for (const name of readdirSync(outdir).filter((file) => file.endsWith(".mjs"))) {
  const path = join(outdir, name);
  const text = readFileSync(path, "utf8");
  if (/[\u0080-\uffff]/.test(text)) writeFileSync(path, text.replace(/[\u0080-\uffff]/g, "?"));
}
