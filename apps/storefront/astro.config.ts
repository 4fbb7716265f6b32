import node from "@astrojs/node";
import { defineConfig, envField } from "astro/config";

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  // The node adapter would otherwise turn on sessions stored as files; nothing here needs them yet.
  session: false,
  // Used by `astro dev`; the built server takes its port from server.mjs.
  server: { port: Number(process.env.STOREFRONT_PORT ?? 4321) },
  build: { inlineStylesheets: "always" },
  env: {
    // "secret" is Astro's word for "read from the environment at run time"; "public" is baked in at build.
    schema: {
      STOREFRONT_ROOT_DOMAIN: envField.string({
        context: "server",
        access: "secret",
        default: "localhost",
      }),
    },
  },
});
