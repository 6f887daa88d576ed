/** Audit log: every moderation action, newest first, a page at a time (Older / Newer). */
import type { FunctionReturnType } from "convex/server";
import { html, nothing, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import type { DashboardContext, Unmount } from "./section.js";

type Entry = FunctionReturnType<typeof ownerApi.auditLog.list>["page"][number];

const PAGE_SIZE = 20;

const DID: Record<Entry["action"], string> = {
  approve: "approved a comment by",
  remove: "removed a comment by",
  ban: "banned",
  unban: "lifted the ban of",
  pin: "pinned a comment by",
  unpin: "unpinned a comment by",
  report_hide: "hid, on readers' reports, a comment by",
};

function describe(entry: Entry): string {
  const who = entry.action === "report_hide" ? "Readers" : (entry.actorName ?? "A deleted account");
  return `${who} ${DID[entry.action]} ${entry.targetName ?? "someone"}${entry.detail ? ` (${entry.detail})` : ""}`;
}

export function mountAuditLog(root: HTMLElement, ctx: DashboardContext): Unmount {
  /** The cursors of the pages opened so far: the last is the one shown. */
  const cursors: (string | null)[] = [null];
  let page: FunctionReturnType<typeof ownerApi.auditLog.list> | undefined;
  let stop: Unmount = () => {};

  function open() {
    stop();
    page = undefined;
    update();
    stop = ctx.client.onUpdate(
      ownerApi.auditLog.list,
      { paginationOpts: { numItems: PAGE_SIZE, cursor: cursors.at(-1)! } },
      (value) => {
        page = value;
        update();
      },
      (error) => ctx.notify(`Audit log: ${error.message}`, "error"),
    );
  }

  function update() {
    render(
      page === undefined
        ? html`<p class="muted">Loading…</p>`
        : html`${page.page.length === 0
              ? html`<p class="muted" data-empty>No moderation yet.</p>`
              : html`<ol class="queue" data-audit>
                  ${page.page.map(
                    (entry) => html`<li data-action=${entry.action}>
                      <span>${describe(entry)}</span>
                      <span class="muted">· ${new Date(entry.createdAt).toLocaleString()}</span>
                    </li>`,
                  )}
                </ol>`}
            <div class="actions">
              ${cursors.length > 1
                ? html`<button type="button" @click=${() => (cursors.pop(), open())}>Newer</button>`
                : nothing}
              ${page.isDone
                ? nothing
                : html`<button type="button" @click=${() => (cursors.push(page!.continueCursor), open())}>Older</button>`}
            </div>`,
      root,
    );
  }

  open();
  return () => stop();
}
