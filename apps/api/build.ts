// `npm run build -w @stall/api`: the API as one ES module, `dist/server.mjs`, for `npm start` and every
// process started outside the tests (decision 042). Run from its TypeScript sources, each API process
// paid about 45 MB of resident memory for Node's type stripping (a WebAssembly compiler that stays loaded)
// and for loading some 600 modules one by one; the bundle needs neither. The tests and `npm run dev` keep
// running the sources.
import { rmSync } from "node:fs";
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
  external: ["@libsql/client", "libsql", "sharp", "stripe", "tinypool"],
  // Some bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __stallRequire } from "node:module"; const require = __stallRequire(import.meta.url);',
  },
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
