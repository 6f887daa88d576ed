/**
 * Posts: the organization's posts in every status (live), an editor that creates drafts, patches the
 * changed fields or replaces them all, and publish / unpublish / delete. Deleting removes the post's
 * comments first: the row's comment count and the thread preview under the editor go with it.
 */
import { html, nothing, render } from "lit";
import { ownerApi, type Post } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Draft = { title: string; slug: string; content: string };
const EMPTY: Draft = { title: "", slug: "", content: "" };

export function mountPosts(root: HTMLElement, ctx: DashboardContext): Unmount {
  let posts: Post[] | undefined;
  let editing: Post | null = null;
  let draft: Draft = { ...EMPTY };
  let confirmingDelete: string | null = null;
  /** A post just created, to open in the editor once the list shows it. */
  let pendingSelection: string | null = null;
  const { client } = ctx;

  const edit = (post: Post | null) => {
    editing = post;
    draft = post ? { title: post.title, slug: post.slug, content: post.content } : { ...EMPTY };
    update();
  };

  const field = (name: keyof Draft) => (event: Event) => {
    draft = { ...draft, [name]: (event.target as HTMLInputElement).value };
  };

  async function create() {
    const postId = await attempt(
      ctx,
      () =>
        client.mutation(ownerApi.posts.create, {
          title: draft.title,
          content: draft.content,
          ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
        }),
      "Draft created.",
    );
    if (!postId) return;
    // The list usually holds the new post already (a mutation resolves after its update arrived).
    const created = posts?.find((p) => p._id === postId);
    if (created) edit(created);
    else pendingSelection = postId;
  }

  /** Only the fields that differ from the stored post: `posts.update` patches, it does not replace. */
  async function patch(post: Post) {
    const changed = Object.fromEntries(
      (Object.keys(draft) as (keyof Draft)[]).filter((k) => draft[k] !== post[k]).map((k) => [k, draft[k]]),
    );
    if (Object.keys(changed).length === 0) return ctx.notify("Nothing changed.");
    await attempt(ctx, () => client.mutation(ownerApi.posts.update, { postId: post._id, ...changed }), `Saved ${Object.keys(changed).join(", ")}.`);
  }

  async function replace(post: Post) {
    await attempt(ctx, () => client.mutation(ownerApi.posts.replace, { postId: post._id, ...draft }), "Replaced title, slug and content.");
  }

  async function setPublished(post: Post, published: boolean) {
    const mutation = published ? ownerApi.posts.publish : ownerApi.posts.unpublish;
    await attempt(ctx, () => client.mutation(mutation, { postId: post._id }), published ? `Published “${post.title}”.` : `Unpublished “${post.title}”.`);
  }

  async function remove(post: Post) {
    confirmingDelete = null;
    if (editing?._id === post._id) edit(null);
    await attempt(ctx, () => client.mutation(ownerApi.posts.remove, { postId: post._id }), `Deleted “${post.title}” and its ${post.commentCount} comment(s).`);
  }

  const row = (post: Post) => html`<tr data-slug=${post.slug} class=${editing?._id === post._id ? "selected" : ""}>
    <td>
      ${post.status === "published"
        ? html`<a href="/post.html?slug=${encodeURIComponent(post.slug)}" target="_blank">${post.title}</a>`
        : post.title}
      ${post.kind === "thread" ? html`<span class="badge">thread</span>` : nothing}
    </td>
    <td><code>${post.slug}</code></td>
    <td data-col="status"><span class="badge ${post.status}">${post.status}</span></td>
    <td data-col="comments">${post.commentCount}</td>
    <td class="row-actions">
      <button type="button" @click=${() => edit(post)}>Edit</button>
      ${post.status === "published"
        ? html`<button type="button" @click=${() => setPublished(post, false)}>Unpublish</button>`
        : html`<button type="button" @click=${() => setPublished(post, true)}>Publish</button>`}
      ${confirmingDelete === post._id
        ? html`<button type="button" class="danger" @click=${() => remove(post)}>Confirm delete</button>
            <button type="button" @click=${() => ((confirmingDelete = null), update())}>Keep</button>`
        : html`<button type="button" class="danger" @click=${() => ((confirmingDelete = post._id), update())}>Delete</button>`}
    </td>
  </tr>`;

  function update() {
    render(
      html`<div class="posts-layout">
        <div>
          <table class="data">
            <caption class="visually-hidden">Posts</caption>
            <thead><tr><th>Title</th><th>Slug</th><th>Status</th><th>Comments</th><th>Actions</th></tr></thead>
            <tbody>
              ${posts === undefined
                ? html`<tr><td colspan="5" class="muted">Loading…</td></tr>`
                : posts.length === 0
                  ? html`<tr><td colspan="5" class="muted">No posts yet.</td></tr>`
                  : posts.map(row)}
            </tbody>
          </table>
        </div>
        <form class="card editor" @submit=${(e: Event) => e.preventDefault()} aria-label="Post editor">
          <h3>${editing ? html`Editing “${editing.title}”` : "New post"}</h3>
          <label for="post-title">Title</label>
          <input id="post-title" type="text" .value=${draft.title} @input=${field("title")} />
          <label for="post-slug">Slug <span class="muted">(optional for a new post: made from the title)</span></label>
          <input id="post-slug" type="text" .value=${draft.slug} @input=${field("slug")} />
          <label for="post-content">Content</label>
          <textarea id="post-content" .value=${draft.content} @input=${field("content")}></textarea>
          <div class="actions">
            ${editing
              ? html`<button type="button" @click=${() => patch(editing!)}>Save changes</button>
                  <button type="button" @click=${() => replace(editing!)}>Replace all fields</button>
                  <button type="button" @click=${() => edit(null)}>New post</button>`
              : html`<button type="button" @click=${create}>Create draft</button>`}
          </div>
          ${editing
            ? html`<p class="muted">
                  <strong>Save changes</strong> sends only the fields you changed (<code>posts.update</code>);
                  <strong>Replace all fields</strong> sends all three (<code>posts.replace</code>).
                </p>
                <h4>Thread of this post</h4>
                <post-comments
                  deployment=${ctx.deployment}
                  auth-url=${ctx.site}
                  org=${ctx.organization.slug}
                  post=${editing.slug}
                  page-size="5"
                ></post-comments>`
            : nothing}
        </form>
      </div>`,
      root,
    );
  }

  update();
  return client.onUpdate(
    ownerApi.posts.listForDashboard,
    { paginationOpts: { numItems: 100, cursor: null } },
    (page) => {
      posts = page.page as Post[];
      if (pendingSelection) {
        const created = posts.find((p) => p._id === pendingSelection);
        if (created) {
          pendingSelection = null;
          edit(created);
          return;
        }
      }
      // Keep the editor on the stored post (its slug may have changed) or leave it once it is gone.
      if (editing) editing = posts.find((p) => p._id === editing!._id) ?? null;
      update();
    },
    (error) => ctx.notify(`Posts: ${error.message}`, "error"),
  );
}
