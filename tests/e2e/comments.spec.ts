import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { newReader, publishPost, storedComments, unique } from "./helpers/backend";
import { commentWith, signUpIn, writeComment } from "./helpers/page";

test("replies, edits and deletes, seen by the writer and stored by the backend", async ({ page }) => {
  const post = await publishPost("Thread for replies");
  await page.goto(`/post.html?slug=${post.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(post.title);
  const thread = page.locator("post-comments");
  const reader = newReader("Replier");
  await signUpIn(thread, reader);

  await writeComment(thread, "A question about the post");
  const question = commentWith(thread, "A question about the post");
  await expect(question).toBeVisible();

  await question.getByRole("button", { name: "Reply" }).click();
  await thread.getByLabel(`Reply to ${reader.name}`).fill("Answering myself");
  await thread.getByLabel(`Reply to ${reader.name}`).press("Control+Enter");
  const answer = commentWith(thread, "Answering myself");
  await expect(answer).toBeVisible();
  await expect(thread.locator("[part~='replies']").getByText("Answering myself")).toBeVisible();
  await expect(thread.locator("[part~='count']")).toHaveText("2 comments");

  await answer.getByRole("button", { name: "Edit" }).click();
  await thread.getByLabel("Edit your comment").fill("Answering myself, **edited**");
  await thread.getByRole("button", { name: "Save" }).click();
  const edited = commentWith(thread, "Answering myself, edited");
  await expect(edited.locator("strong")).toHaveText("edited");
  await expect(edited.getByText("(edited)")).toBeVisible();
  await expect.poll(async () => (await storedComments(post.slug)).map((c) => c.content)).toEqual([
    "A question about the post",
    "Answering myself, **edited**",
  ]);

  // Deleting the top comment leaves a tombstone that keeps the reply; deleting the reply removes both.
  await question.getByRole("button", { name: "Delete" }).click();
  await thread.getByRole("group", { name: "Delete this comment? Replies stay." }).getByRole("button", { name: "Delete" }).click();
  await expect(thread.getByText("Comment deleted")).toBeVisible();
  await expect(thread.getByText("A question about the post")).toHaveCount(0);
  await expect(edited).toBeVisible();
  await expect(thread.locator("[part~='count']")).toHaveText("1 comment");
  await expect.poll(async () => (await storedComments(post.slug)).map((c) => [c.content, c.deleted ?? false])).toEqual([
    ["", true],
    ["Answering myself, **edited**", false],
  ]);
  await edited.getByRole("button", { name: "Delete" }).click();
  await thread.getByRole("group", { name: "Delete this comment? Replies stay." }).getByRole("button", { name: "Delete" }).click();
  await expect(thread.locator("[part~='empty']")).toBeVisible();
  await expect(thread.locator("[part~='count']")).toHaveText("0 comments");
  await expect.poll(async () => (await storedComments(post.slug)).length).toBe(0);
});

/** Routes the page's Convex WebSocket through the test, which can cut it and keep it cut. */
async function controlSocket(page: Page) {
  const state = { blocked: false, dropMutationResponses: false, open: [] as WebSocketRoute[] };
  await page.routeWebSocket(/\/sync$/, (ws) => {
    if (state.blocked) {
      ws.close({ code: 1006, reason: "test: network down" });
      return;
    }
    state.open.push(ws);
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (state.dropMutationResponses && String(message).includes('"MutationResponse"')) {
        // The mutation ran on the server, but its answer is lost with the connection.
        state.blocked = true;
        ws.close({ code: 1006, reason: "test: connection lost" });
        return;
      }
      ws.send(message);
    });
  });
  return {
    state,
    cut() {
      state.blocked = true;
      for (const ws of state.open.splice(0)) void ws.close({ code: 1006, reason: "test: network down" });
    },
    restore() {
      state.blocked = false;
      state.dropMutationResponses = false;
    },
  };
}

test("a comment written while the connection is down shows at once and is stored exactly once", async ({ page }) => {
  const post = await publishPost("Thread on a train");
  const socket = await controlSocket(page);
  await page.goto(`/post.html?slug=${post.slug}`);
  const thread = page.locator("post-comments");
  await signUpIn(thread, newReader("Commuter"));

  socket.cut();
  const text = `Sent from a tunnel ${unique("c")}`;
  await writeComment(thread, text);
  const pending = commentWith(thread, text);
  await expect(pending).toBeVisible();
  await expect(pending.getByText("Offline. Your comment is sent when the connection returns.")).toBeVisible();
  expect(await storedComments(post.slug)).toEqual([]);

  socket.restore();
  await expect(pending.getByText(/Offline|Sending/)).toHaveCount(0, { timeout: 30_000 });
  await expect(thread.locator("[part~='count']")).toHaveText("1 comment");
  const stored = await storedComments(post.slug);
  expect(stored.map((c) => c.content)).toEqual([text]);
  await expect(thread.getByText(text)).toHaveCount(1);
});

test("a comment whose answer is lost with the connection is sent again and still stored once", async ({ page }) => {
  const post = await publishPost("Thread with a flaky network");
  const socket = await controlSocket(page);
  await page.goto(`/post.html?slug=${post.slug}`);
  const thread = page.locator("post-comments");
  await signUpIn(thread, newReader("Flaky"));

  socket.state.dropMutationResponses = true;
  const text = `Did this arrive? ${unique("c")}`;
  await writeComment(thread, text);
  await expect(commentWith(thread, text)).toBeVisible();
  // The answer was dropped and the connection cut; the server has the comment although the page never heard back.
  await expect.poll(() => socket.state.blocked).toBe(true);
  await expect.poll(async () => (await storedComments(post.slug)).map((c) => c.content)).toEqual([text]);

  socket.restore();
  await expect(commentWith(thread, text).getByText(/Offline|Sending/)).toHaveCount(0, { timeout: 30_000 });
  await expect(thread.locator("[part~='count']")).toHaveText("1 comment");
  expect((await storedComments(post.slug)).map((c) => c.content)).toEqual([text]);
  await expect(thread.getByText(text)).toHaveCount(1);
});
