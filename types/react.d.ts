/**
 * React 19 JSX types for the elements: `import type {} from "live-post-elements/react";` once in the
 * app (or list it in tsconfig `types`). React 19 reads `React.JSX`, not the global `JSX` namespace
 * that the generated jsx.d.ts extends.
 */
import type { CustomElements } from "./jsx.js";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
