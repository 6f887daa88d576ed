/**
 * The swap from a server snapshot to the live view (src/internal/snapshot.ts), loaded only by elements
 * that hold a snapshot: the element keeps its height until the live content has rendered, the page keeps
 * its scroll position, and focus inside the snapshot moves to the same item's node in the live view.
 */

/** Call in the update that renders the live view in place of `snapshot`; call what it returns once that update has rendered. */
export function beginSwap(host: HTMLElement, snapshot: HTMLElement): () => void {
  host.style.minHeight = `${host.getBoundingClientRect().height}px`;
  const [x, y] = [window.scrollX, window.scrollY];
  // What the reader had focused in the snapshot: the item (`data-id`) and, for a link, where it leads.
  const active = (host.shadowRoot?.activeElement ?? null) as HTMLElement | null;
  const item = active && snapshot.contains(active) ? active.closest<HTMLElement>("[data-id]") : null;
  const id = item?.dataset.id, href = active?.getAttribute("href") ?? null;
  return () => {
    if (id !== undefined) {
      const live = host.shadowRoot?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
      // The same link if the live item has it, else the item's article (live items have more controls).
      const link = href === null ? null : live?.querySelector<HTMLElement>(`a[href="${CSS.escape(href)}"]`);
      const target = link ?? live?.querySelector<HTMLElement>("article") ?? live;
      if (target) {
        if (!link) target.tabIndex = -1;
        target.focus({ preventScroll: true });
      }
    }
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    // Released once the live content has been laid out, so nothing below moves in between.
    requestAnimationFrame(() => {
      host.style.minHeight = "";
      if (!host.style.length) host.removeAttribute("style");
    });
  };
}
