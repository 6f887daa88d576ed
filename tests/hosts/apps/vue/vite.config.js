import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

const tags = new Set(["post-comments", "org-post-list", "post-search"]);

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tags.has(tag) } } })],
  base: "./",
  logLevel: "error",
});
