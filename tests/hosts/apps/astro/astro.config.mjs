import node from "@astrojs/node";
import { defineConfig } from "astro/config";

// Rendered on each request by Node (not prerendered), so the page holds what the request asked for.
export default defineConfig({ output: "server", adapter: node({ mode: "standalone" }), devToolbar: { enabled: false } });
