import node from "@astrojs/node";
import { defineConfig, envField } from "astro/config";

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  // The node adapter would otherwise turn on sessions stored as files; nothing here needs them yet.
  session: false,
  // Used by `astro dev`; the built server takes its port from server.mjs.
  server: { port: Number(process.env.DASHBOARD_PORT ?? 4322) },
  build: { inlineStylesheets: "always" },
  // Our middleware checks the origin of every state-changing request, whatever its content type, and
  // answers with a page in the owner's language; Astro's own check covers form content types only.
  security: { checkOrigin: false },
  env: {
    // "secret" is Astro's word for "read from the environment at run time"; "public" is baked in at build.
    schema: {
      PUBLIC_API_URL: envField.string({
        context: "server",
        access: "secret",
        url: true,
        default: "http://localhost:8787",
      }),
      // Shared with the API: with it, the API believes the owner's address the dashboard forwards.
      STOREFRONT_SECRET: envField.string({ context: "server", access: "secret", optional: true }),
      // Behind a proxy you run (nginx in \`npm run start:cluster\`): the person's address is the hop it adds
      // to X-Forwarded-For, not the socket's (the proxy's).
      TRUST_PROXY: envField.boolean({ context: "server", access: "secret", default: false }),
    },
  },
});
