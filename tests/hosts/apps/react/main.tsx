import "live-post-elements/org-post-list";
import "live-post-elements/post-search";
import type {} from "live-post-elements/react";
import type { PostSelectDetail } from "live-post-elements";
import { createRoot } from "react-dom/client";

const deployment = new URLSearchParams(location.search).get("deployment") ?? "";
const selected: PostSelectDetail[] = [];
Object.assign(window, { selected });

// React 19 sets known properties on custom elements and listens to `on<event>` props.
function App() {
  return (
    <main>
      <post-search deployment={deployment} org="acme" />
      <org-post-list
        deployment={deployment}
        org="acme"
        theme="auto"
        page-size={10}
        onlp-post-select={(event) => {
          event.preventDefault();
          selected.push(event.detail);
        }}
      />
    </main>
  );
}

createRoot(document.getElementById("root")!).render(<App />);
