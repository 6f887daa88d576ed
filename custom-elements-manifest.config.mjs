/**
 * `npm run analyze`: custom-elements.json from the elements' classes and JSDoc (@csspart, @cssproperty,
 * @event…), then, from it, the host integrations shipped in the package: React JSX and Vue
 * `GlobalComponents` types (types/), JetBrains `web-types.json` and VS Code `vscode.html-custom-data.json`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { customElementJetBrainsPlugin } from "custom-element-jet-brains-integration";
import { customElementJsxPlugin } from "custom-element-jsx-integration";
import { customElementVsCodePlugin } from "custom-element-vs-code-integration";
import { customElementVuejsPlugin } from "custom-element-vuejs-integration";

/** The published module for a source path: each element folder and `index` build to `dist/<name>.js`. */
const distPath = (path) => {
  const match = /^src\/(?:([\w-]+)\/\1(?:\.component)?|(index))\.ts$/.exec(path);
  return match ? `dist/${match[1] ?? match[2]}.js` : path;
};

/** Points module paths at what the package ships (dist/), not at src/, which it does not. */
const distPaths = () => ({
  name: "dist-paths",
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      mod.path = distPath(mod.path);
      for (const list of [mod.exports ?? [], ...(mod.declarations ?? []).map(() => [])]) {
        for (const exp of list) if (exp.declaration?.module) exp.declaration.module = distPath(exp.declaration.module);
      }
    }
  },
});

/** Every class and event detail type is exported from the package's main entry. */
const componentTypePath = () => "live-post-elements";

/**
 * The type generators import each element's types separately, so a detail type two elements share
 * (`PostSelectDetail`) would be imported twice: merge the imports of each generated file into one.
 */
const mergeTypeImports = (files) => ({
  name: "merge-type-imports",
  packageLinkPhase() {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const names = new Set();
      const rest = text.replace(/import type \{([^}]*)\} from "live-post-elements";\n/g, (_, list) => {
        list.split(",").map((n) => n.trim()).filter(Boolean).forEach((n) => names.add(n));
        return "";
      });
      const header = `import type { ${[...names].sort().join(", ")} } from "live-post-elements";\n`;
      writeFileSync(file, rest.replace(/^((?:import[^\n]*\n)*)/, (imports) => imports + header));
    }
  },
});
const typesSrc = "type";

const camelize = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * Vue's template checker (`vue-tsc`) camelizes what a template writes before it looks it up:
 * `href-template` becomes `hrefTemplate` and `@lp-post-select` becomes `onLpPostSelect`. The Vue
 * generator keys props by attribute name and events as `onlp-post-select`, so no attribute and no event
 * of ours would be found: key them as Vue does. Its global `JSX.IntrinsicElements` block goes too — it
 * lists Vue component types as HTML elements, and would leak into a React app's JSX (types/react.d.ts
 * covers TSX).
 */
const vueTemplateNames = (file) => ({
  name: "vue-template-names",
  packageLinkPhase() {
    const text = readFileSync(file, "utf8")
      .replace(/^(\s*)"on([a-z][\w-]*)"\?:/gm, (_, indent, event) => {
        const name = camelize(event);
        return `${indent}on${name[0].toUpperCase()}${name.slice(1)}?:`;
      })
      .replace(/^(\s*)"([a-z][\w-]*)"\?:/gm, (_, indent, attr) => `${indent}${camelize(attr)}?:`)
      .replace(/\n\s*declare global \{\n\s*namespace JSX \{[\s\S]*?\n\s*\}\n\s*\}\n/, "\n");
    writeFileSync(file, text);
  },
});

export default {
  globs: [
    "src/internal/live-element.ts",
    "src/org-post-list/org-post-list.component.ts",
    "src/org-post-list/org-post-list.ts",
    "src/post-search/post-search.component.ts",
    "src/post-search/post-search.ts",
    "src/post-comments/post-comments.component.ts",
    "src/post-comments/post-comments.ts",
    "src/post-comment-count/post-comment-count.component.ts",
    "src/post-comment-count/post-comment-count.ts",
    "src/index.ts",
  ],
  outdir: ".",
  litelement: true,
  // package.json names the manifest itself; the analyzer would rewrite it to whatever --outdir says.
  packagejson: false,
  plugins: [
    customElementJsxPlugin({ outdir: "types", fileName: "jsx.d.ts", componentTypePath, typesSrc, hideLogs: true }),
    customElementVuejsPlugin({ outdir: "types", fileName: "vue.d.ts", componentTypePath, typesSrc, hideLogs: true }),
    vueTemplateNames("types/vue.d.ts"),
    customElementJetBrainsPlugin({ outdir: ".", packageJson: false, hideLogs: true }),
    customElementVsCodePlugin({ outdir: ".", hideLogs: true }),
    mergeTypeImports(["types/jsx.d.ts", "types/vue.d.ts"]),
    distPaths(),
  ],
};
