import type { FunctionReturnType } from "convex/server";
import { getFunctionName } from "convex/server";
import { expect, expectTypeOf, test } from "vitest";
import { modules } from "../convex/setup";
import { api, type Comment, type CommentThread } from "../../src/internal/api";
import type { FunctionPath } from "../../src/internal/function-ref";

/**
 * The elements call the backend by function name (src/internal/api.ts), typed from the backend's own
 * function types, so the type check holds arguments and results in step. What types cannot see is the
 * name sent at runtime: each must reach an exported public function of the backend, of the kind its
 * type says: the table below gives the kind each reference's type declares, read back as a value so
 * the runtime can compare, and `satisfies` makes it name every reference `api` types, and only those.
 */
type KindOf<R> = R extends { _type: infer T } ? T : never;
const kindOf = {
  "posts:listPublished": "query" satisfies KindOf<typeof api.posts.listPublished>,
  "posts:getBySlug": "query" satisfies KindOf<typeof api.posts.getBySlug>,
  "posts:search": "query" satisfies KindOf<typeof api.posts.search>,
  "posts:listAuthors": "query" satisfies KindOf<typeof api.posts.listAuthors>,
  "comments:list": "query" satisfies KindOf<typeof api.comments.list>,
  "comments:viewerPending": "query" satisfies KindOf<typeof api.comments.viewerPending>,
  "comments:viewerPermissions": "query" satisfies KindOf<typeof api.comments.viewerPermissions>,
  "comments:countsForPosts": "query" satisfies KindOf<typeof api.comments.countsForPosts>,
  "comments:countForPost": "query" satisfies KindOf<typeof api.comments.countForPost>,
  "comments:permalinkPosition": "query" satisfies KindOf<typeof api.comments.permalinkPosition>,
  "comments:create": "mutation" satisfies KindOf<typeof api.comments.create>,
  "comments:edit": "mutation" satisfies KindOf<typeof api.comments.edit>,
  "comments:remove": "mutation" satisfies KindOf<typeof api.comments.remove>,
  "comments:moderate": "mutation" satisfies KindOf<typeof api.comments.moderate>,
  "pins:pin": "mutation" satisfies KindOf<typeof api.pins.pin>,
  "pins:unpin": "mutation" satisfies KindOf<typeof api.pins.unpin>,
  "reports:create": "mutation" satisfies KindOf<typeof api.reports.create>,
  "reactions:counts": "query" satisfies KindOf<typeof api.reactions.counts>,
  "reactions:viewerReactions": "query" satisfies KindOf<typeof api.reactions.viewerReactions>,
  "reactions:set": "mutation" satisfies KindOf<typeof api.reactions.set>,
  "users:viewer": "query" satisfies KindOf<typeof api.users.viewer>,
  "users:ensureViewer": "mutation" satisfies KindOf<typeof api.users.ensureViewer>,
} satisfies Record<FunctionPath<typeof api>, string>;

const references = Object.entries(kindOf).map(([path, kind]) => {
  const [module, name] = path.split(":") as [keyof typeof api, string];
  return { module, name, kind, reference: (api[module] as Record<string, unknown>)[name] };
});

test.each(references.map((entry) => [`${entry.module}:${entry.name}`, entry] as const))(
  "%s is called by a name the backend serves publicly",
  async (_, { module, name, kind: declared, reference }) => {
    expect(getFunctionName(reference as never)).toBe(`${module}:${name}`);
    const load = modules[`../../convex/${module}.ts`];
    expect(load, `convex/${module}.ts exists`).toBeDefined();
    const exported = ((await load!()) as Record<string, { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean }>)[name];
    expect(exported?.isPublic, `${module}:${name} is a public function`).toBe(true);
    const kind = exported?.isQuery ? "query" : exported?.isMutation ? "mutation" : "action";
    expect(kind).toBe(declared);
  },
);

test("the shapes the elements render carry no backend-only field", () => {
  // `comments.list` pages threads of the same comment shape as `viewerPending`.
  expectTypeOf<CommentThread["replies"][number]>().toEqualTypeOf<Comment>();
  expectTypeOf<Comment>().not.toHaveProperty("organizationId");
  expectTypeOf<Comment>().not.toHaveProperty("clientRequestId");
  expectTypeOf<Comment>().not.toHaveProperty("writerKey");
  expectTypeOf<FunctionReturnType<typeof api.users.viewer>>().toEqualTypeOf<FunctionReturnType<typeof api.users.ensureViewer> | null>();
});
