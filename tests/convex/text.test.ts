import { expect, test } from "vitest";
import { excerptOf, slugify } from "../../convex/lib/text";

test("an excerpt is plain text: markup, code blocks and list markers are gone", () => {
  const content = "A short changelog:\n\n- Live post lists\n- **Keyboard** search!\n1. `API keys`\n\n```js\nsecret()\n```\nThanks";
  expect(excerptOf(content)).toBe("A short changelog: Live post lists. Keyboard search! API keys. Thanks");
});

test("a long excerpt ends on a word with an ellipsis", () => {
  const excerpt = excerptOf("word ".repeat(100), 50);
  expect(excerpt.length).toBeLessThanOrEqual(51);
  expect(excerpt).toMatch(/word…$/);
});

test("slugify keeps letters and digits, folds accents and joins words with single hyphens", () => {
  expect(slugify("  Crème brûlée: 3 ways!  ")).toBe("creme-brulee-3-ways");
  expect(slugify("***")).toBe("post");
});
