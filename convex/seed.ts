/**
 * Demo content for a fresh deployment: `npx convex run seed:demo` (or the local backend at start).
 * Seeded people get accounts the normal way, in Better Auth's own user table (verified addresses, so
 * nobody else can sign up as them), linked to our `users` row by `authId`. They have no password, so
 * they cannot sign in until one is set (the local backend sets one for the admins).
 */
import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import { components } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { randomToken } from "./lib/crypto";
import { insertComment } from "./lib/comments";
import { addReaction, copyReactionScore } from "./lib/reactions";
import { organizationBySlug } from "./lib/posts";
import type { ReactionKind } from "./validators";

const DAY = 24 * 60 * 60 * 1000;

const PEOPLE = [
  { key: "ada", name: "Ada Admin", email: "admin@acme.test", member: true, role: "admin" },
  { key: "ben", name: "Ben Writer", email: "ben@acme.test", member: true, role: "user" },
  { key: "cleo", name: "Cleo Editor", email: "cleo@acme.test", member: true, role: "user" },
  { key: "dana", name: "Dana Reader", email: "dana@example.test", member: false, role: "user" },
  { key: "eli", name: "Eli Reader", email: "eli@example.test", member: false, role: "user" },
] as const;
type PersonKey = (typeof PEOPLE)[number]["key"];

/** Who gave which reactions: kind → people. */
type SeedReactions = Partial<Record<ReactionKind, PersonKey[]>>;
/** `pinned`: an admin pinned it, so it leads the thread in every order. */
type SeedComment = {
  by: PersonKey;
  text: string;
  pinned?: true;
  reactions?: SeedReactions;
  replies?: { by: PersonKey; text: string; reactions?: SeedReactions }[];
};
type SeedPost = {
  slug: string;
  title: string;
  by: PersonKey;
  daysAgo: number;
  draft?: boolean;
  content: string;
  reactions?: SeedReactions;
  comments?: SeedComment[];
};

const POSTS: SeedPost[] = [
  {
    slug: "hello-world",
    title: "Hello, world",
    by: "ada",
    daysAgo: 30,
    content: `# Hello, world

Welcome to the **Acme Blog**. This is where the team writes about what we build and why.

- Product notes, every few weeks
- Engineering write-ups when something was worth learning
- Nothing you need to sign up for: just read

Comments are open below each post. Be kind.`,
    reactions: { hooray: ["dana", "eli", "ben"], heart: ["cleo"], rocket: ["ben", "cleo"] },
    comments: [
      {
        by: "dana",
        text: "Congratulations on the launch! Looking forward to the engineering posts.",
        reactions: { thumbsUp: ["ada", "ben", "eli"], heart: ["ada"] },
        replies: [
          { by: "ada", text: "Thank you, Dana. The first one is coming next week.", reactions: { thumbsUp: ["dana"] } },
        ],
      },
      {
        by: "eli",
        text: "Tip for other readers: the blog has an RSS feed, so you can follow new posts without an account.",
        pinned: true,
        reactions: { eyes: ["cleo"], laugh: ["dana"] },
      },
    ],
  },
  {
    slug: "live-comments-on-static-sites",
    title: "Live comments on static sites",
    by: "ben",
    daysAgo: 24,
    content: `Static sites are fast and cheap, but *comments* usually mean a third-party widget.

## What we wanted

1. Comments that appear for every reader the moment they are posted
2. No iframe, no tracking
3. Threads created on demand, so a new page needs no setup

We ended up with a custom element: drop \`<post-comments>\` on any page and it finds its thread by slug.`,
    comments: [
      {
        by: "eli",
        text: "Does this work with pages that have no post in the dashboard?",
        replies: [
          { by: "ben", text: "Yes: the first comment creates the thread when the organization allows it." },
          { by: "eli", text: "Perfect, that is exactly my setup." },
        ],
      },
    ],
  },
  {
    slug: "designing-for-slow-networks",
    title: "Designing for slow networks",
    by: "cleo",
    daysAgo: 18,
    content: `Most of our readers are on phones. Some of them are on trains.

> Assume the network is slow, and occasionally absent.

We show pending comments right away, retry quietly, and never lose what someone typed. A request id makes a retried comment land once.`,
    comments: [
      {
        by: "dana",
        text: "The \"never lose what someone typed\" part matters more than people think.",
      },
    ],
  },
  {
    slug: "moderation-without-the-drama",
    title: "Moderation without the drama",
    by: "ada",
    daysAgo: 12,
    content: `Pre-moderation is a setting, not a personality.

When it is on, new comments wait for an administrator. When it is off, they appear at once and can still be removed.

Either way, the author of a comment always sees their own words.`,
  },
  {
    slug: "search-that-respects-drafts",
    title: "Search that respects drafts",
    by: "ben",
    daysAgo: 6,
    content: `Search looks at titles first, then at the body of each post, and only ever at **published** articles.

Filtering by author helps on a busy blog. Drafts stay private until you press publish.`,
  },
  {
    slug: "what-we-shipped-this-month",
    title: "What we shipped this month",
    by: "cleo",
    daysAgo: 2,
    content: `A short changelog:

- Live post lists on any page
- Keyboard-friendly search with an author filter
- API keys for build servers, shown once and stored hashed

Thanks to everyone who sent feedback.`,
    comments: [{ by: "eli", text: "API keys for the build: finally. Thanks!" }],
  },
  {
    slug: "roadmap-notes",
    title: "Roadmap notes",
    by: "ada",
    daysAgo: 1,
    draft: true,
    content: "Internal notes on what comes next. Not ready to share yet.",
  },
];

export const demo = internalMutation({
  args: {},
  returns: v.object({
    created: v.boolean(),
    organizationId: v.id("organizations"),
    users: v.number(),
    posts: v.number(),
    publishedPosts: v.number(),
    comments: v.number(),
  }),
  handler: async (ctx) => {
    const existing = await organizationBySlug(ctx, "acme");
    if (existing) {
      return { created: false, organizationId: existing._id, users: 0, posts: 0, publishedPosts: 0, comments: 0 };
    }
    const now = Date.now();
    const ids = {} as Record<PersonKey, Id<"users">>;
    const names = {} as Record<PersonKey, string>;
    for (const person of PEOPLE) {
      const authUser: { _id: string } = await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "user",
          data: {
            name: person.name,
            email: person.email,
            emailVerified: true,
            createdAt: now - 40 * DAY,
            updatedAt: now - 40 * DAY,
          },
        },
      });
      ids[person.key] = await ctx.db.insert("users", {
        authId: authUser._id,
        name: person.name,
        email: person.email,
        role: person.role,
        createdAt: now - 40 * DAY,
      });
      names[person.key] = person.name;
    }
    const organizationId = await ctx.db.insert("organizations", {
      name: "Acme Blog",
      slug: "acme",
      ownerId: ids.ada,
      createdAt: now - 40 * DAY,
      // The demo's static pages get their threads from readers' first comments (see the README).
      settings: {
        allowGuestComments: false,
        preModeration: false,
        autoCreateThreads: true,
        autoCreateThreadsBy: "signedIn",
        allowedOrigins: [],
      },
      webhookSecret: randomToken(48),
    });
    for (const person of PEOPLE) {
      if (person.member) await ctx.db.patch("users", ids[person.key], { organizationId });
    }

    let comments = 0;
    for (const post of POSTS) {
      const createdAt = now - post.daysAgo * DAY;
      const postId = await ctx.db.insert("posts", {
        title: post.title,
        content: post.content,
        slug: post.slug,
        kind: "article",
        authorId: ids[post.by],
        authorName: names[post.by],
        organizationId,
        status: post.draft ? "draft" : "published",
        publishedAt: post.draft ? undefined : createdAt + 60_000,
        createdAt,
        commentCount: 0,
      });
      const react = async (targetId: Id<"comments"> | Id<"posts">, given: SeedReactions = {}) => {
        for (const [kind, people] of Object.entries(given) as [ReactionKind, PersonKey[]][]) {
          for (const by of people) await addReaction(ctx, { postId, reactorKey: `user:${ids[by]}`, targetId, kind });
        }
      };
      await react(postId, post.reactions);
      let at = createdAt + 60 * 60 * 1000;
      const comment = async (
        by: PersonKey,
        text: string,
        given?: SeedReactions,
        parentId?: Id<"comments">,
        pinned?: true,
      ) => {
        at += 37 * 60 * 1000;
        comments += 1;
        const commentId = await insertComment(ctx, {
          postId,
          organizationId,
          authorId: ids[by],
          authorName: names[by],
          content: text,
          createdAt: at,
          status: "visible",
          ...(parentId && { parentId }),
          ...(pinned && { pinnedAt: at }),
        });
        if (given) {
          await react(commentId, given);
          await copyReactionScore(ctx, (await ctx.db.get("comments", commentId))!);
        }
        return commentId;
      };
      for (const top of post.comments ?? []) {
        const parentId = await comment(top.by, top.text, top.reactions, undefined, top.pinned);
        for (const reply of top.replies ?? []) await comment(reply.by, reply.text, reply.reactions, parentId);
      }
    }
    return {
      created: true,
      organizationId,
      users: PEOPLE.length,
      posts: POSTS.length,
      publishedPosts: POSTS.filter((p) => !p.draft).length,
      comments,
    };
  },
});
