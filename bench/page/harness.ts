/**
 * Runs in the bench page: mounts what a measurement asks for and reports, on the page's clock,
 * when its content was painted. Painted = the first frame whose DOM holds the content, after that
 * frame (a message posted from requestAnimationFrame is handled once the frame is drawn).
 */
type Target = { kind: "comments" | "feed"; count: number; text?: string };
type Mount = (host: HTMLElement, options: Record<string, string>) => void;

declare global {
  interface Window {
    bench: typeof bench;
    /** Installed by baseline.js: the same data through a bare ConvexClient, drawn with innerHTML. */
    benchBaseline?: Mount;
  }
}

function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

function shown(root: ParentNode, target: Target): boolean {
  if (target.text !== undefined) return (root as Node).textContent?.includes(target.text) ?? false;
  const part = target.kind === "comments" ? '[part~="comment"]' : '[part~="post"]';
  return root.querySelectorAll(part).length >= target.count;
}

/** Resolves with the paint time of the first frame showing `target` inside `host`'s shadow root. */
function painted(host: HTMLElement, target: Target): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      const root = host.shadowRoot;
      if (root && shown(root, target)) afterPaint().then(resolve);
      else requestAnimationFrame(check);
    };
    check();
  });
}

const TAGS = { comments: "post-comments", feed: "org-post-list" } as const;

const bench = {
  /** Connects an element (or the baseline) and resolves with the ms from connection to the target painted. */
  async mount(mode: "element" | "baseline", target: Target, attributes: Record<string, string>) {
    const host = document.createElement(mode === "element" ? TAGS[target.kind] : "div");
    host.id = "measured";
    const connectedAt = performance.now();
    if (mode === "element") {
      for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
      document.body.append(host);
    } else {
      document.body.append(host);
      window.benchBaseline!(host, { ...attributes, kind: target.kind });
    }
    return (await painted(host, target)) - connectedAt;
  },
  /** Resolves once every element on the page (by tag) shows its first content; ms since navigation. */
  async firstContent() {
    const wait = (tag: string, ready: (root: ShadowRoot) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const root = document.querySelector<HTMLElement>(tag)?.shadowRoot;
          if (root && ready(root)) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
    await Promise.all([
      wait("post-comments", (root) => root.querySelector('[part~="comment"]') !== null),
      wait("org-post-list", (root) => root.querySelector('[part~="post"]') !== null),
      wait("post-search", (root) => root.querySelector("input") !== null),
    ]);
    return afterPaint();
  },
  /** Resolves once `<post-comments>` shows a comment, painted; wall-clock ms (comparable across frames). */
  async firstComment() {
    await new Promise<void>((resolve) => {
      const check = () => {
        if (document.querySelector("post-comments")?.shadowRoot?.querySelector('[part~="comment"]')) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.timeOrigin + (await afterPaint());
  },
  /** Wall-clock time (ms since the epoch, fractional) at which `text` was painted in the measured host. */
  async paintedText(text: string) {
    const host = document.getElementById("measured")!;
    const at = await painted(host, { kind: "comments", count: 0, text });
    return performance.timeOrigin + at;
  },
};

window.bench = bench;
export {};
