import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { getFunctionName } from "convex/server";
import { expect, expectTypeOf, test } from "vitest";
import type { api as generated } from "../../convex/_generated/api";
import { api } from "../../src/internal/api";

/**
 * The elements call the backend through hand-typed references (src/internal/api.ts) so the browser
 * bundle carries no generated code. The type assertions fail the type check (`npm test` runs tsc over
 * tests/) when the backend stops accepting the arguments the elements send, or returns something the
 * elements do not expect.
 */
test("the elements' function references match the backend's functions", () => {
  expectTypeOf<FunctionArgs<typeof api.posts.listPublished>>().toExtend<FunctionArgs<typeof generated.posts.listPublished>>();
  expectTypeOf<FunctionReturnType<typeof generated.posts.listPublished>>().toExtend<FunctionReturnType<typeof api.posts.listPublished>>();
  expect(getFunctionName(api.posts.listPublished)).toBe("posts:listPublished");
  expectTypeOf<FunctionArgs<typeof api.posts.getBySlug>>().toExtend<FunctionArgs<typeof generated.posts.getBySlug>>();
  expectTypeOf<FunctionReturnType<typeof generated.posts.getBySlug>>().toExtend<FunctionReturnType<typeof api.posts.getBySlug>>();
  expect(getFunctionName(api.posts.getBySlug)).toBe("posts:getBySlug");
  expectTypeOf<FunctionArgs<typeof api.posts.search>>().toExtend<FunctionArgs<typeof generated.posts.search>>();
  expectTypeOf<FunctionReturnType<typeof generated.posts.search>>().toExtend<FunctionReturnType<typeof api.posts.search>>();
  expect(getFunctionName(api.posts.search)).toBe("posts:search");
  expectTypeOf<FunctionArgs<typeof api.posts.listAuthors>>().toExtend<FunctionArgs<typeof generated.posts.listAuthors>>();
  expectTypeOf<FunctionReturnType<typeof generated.posts.listAuthors>>().toExtend<FunctionReturnType<typeof api.posts.listAuthors>>();
  expect(getFunctionName(api.posts.listAuthors)).toBe("posts:listAuthors");
  expectTypeOf<FunctionArgs<typeof api.comments.list>>().toExtend<FunctionArgs<typeof generated.comments.list>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.list>>().toExtend<FunctionReturnType<typeof api.comments.list>>();
  expect(getFunctionName(api.comments.list)).toBe("comments:list");
  expectTypeOf<FunctionArgs<typeof api.comments.viewerPending>>().toExtend<FunctionArgs<typeof generated.comments.viewerPending>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.viewerPending>>().toExtend<FunctionReturnType<typeof api.comments.viewerPending>>();
  expect(getFunctionName(api.comments.viewerPending)).toBe("comments:viewerPending");
  expectTypeOf<FunctionArgs<typeof api.comments.viewerPermissions>>().toExtend<FunctionArgs<typeof generated.comments.viewerPermissions>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.viewerPermissions>>().toExtend<FunctionReturnType<typeof api.comments.viewerPermissions>>();
  expect(getFunctionName(api.comments.viewerPermissions)).toBe("comments:viewerPermissions");
  expectTypeOf<FunctionArgs<typeof api.comments.countsForPosts>>().toExtend<FunctionArgs<typeof generated.comments.countsForPosts>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.countsForPosts>>().toExtend<FunctionReturnType<typeof api.comments.countsForPosts>>();
  expect(getFunctionName(api.comments.countsForPosts)).toBe("comments:countsForPosts");
  expectTypeOf<FunctionArgs<typeof api.comments.create>>().toExtend<FunctionArgs<typeof generated.comments.create>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.create>>().toExtend<FunctionReturnType<typeof api.comments.create>>();
  expect(getFunctionName(api.comments.create)).toBe("comments:create");
  expectTypeOf<FunctionArgs<typeof api.comments.edit>>().toExtend<FunctionArgs<typeof generated.comments.edit>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.edit>>().toExtend<FunctionReturnType<typeof api.comments.edit>>();
  expect(getFunctionName(api.comments.edit)).toBe("comments:edit");
  expectTypeOf<FunctionArgs<typeof api.comments.remove>>().toExtend<FunctionArgs<typeof generated.comments.remove>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.remove>>().toExtend<FunctionReturnType<typeof api.comments.remove>>();
  expect(getFunctionName(api.comments.remove)).toBe("comments:remove");
  expectTypeOf<FunctionArgs<typeof api.comments.moderate>>().toExtend<FunctionArgs<typeof generated.comments.moderate>>();
  expectTypeOf<FunctionReturnType<typeof generated.comments.moderate>>().toExtend<FunctionReturnType<typeof api.comments.moderate>>();
  expect(getFunctionName(api.comments.moderate)).toBe("comments:moderate");
  expectTypeOf<FunctionArgs<typeof api.users.viewer>>().toExtend<FunctionArgs<typeof generated.users.viewer>>();
  expectTypeOf<FunctionReturnType<typeof generated.users.viewer>>().toExtend<FunctionReturnType<typeof api.users.viewer>>();
  expect(getFunctionName(api.users.viewer)).toBe("users:viewer");
  expectTypeOf<FunctionArgs<typeof api.users.ensureViewer>>().toExtend<FunctionArgs<typeof generated.users.ensureViewer>>();
  expectTypeOf<FunctionReturnType<typeof generated.users.ensureViewer>>().toExtend<FunctionReturnType<typeof api.users.ensureViewer>>();
  expect(getFunctionName(api.users.ensureViewer)).toBe("users:ensureViewer");
});
