/**
 * Loaded before every browser test file (web-test-runner.config.js). A failing chai assertion whose
 * actual or expected value is a DOM node (`expect(part(el, "x")).to.equal(null)`) makes the runner
 * send that node from the page with the result; a node attached to the document takes the page down
 * ("Attempted to use detached Frame") and the run hangs until its 300 s timeout instead of reporting
 * the failure. This replaces such values on the error with a short description, so the assertion
 * fails at once with its message.
 */
// Chai itself, not @open-wc/testing: that registers its fixture cleanup with mocha on import, and
// mocha is not set up yet when this runs.
import { Assertion } from "@esm-bundle/chai";

function describe(value: unknown): unknown {
  if (typeof Node !== "undefined" && value instanceof Node) {
    const text = value instanceof Element ? value.outerHTML : (value.textContent ?? value.nodeName);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }
  if (Array.isArray(value) && value.some((item) => typeof Node !== "undefined" && item instanceof Node)) {
    return value.map(describe);
  }
  return value;
}

const assert = Assertion.prototype.assert;
Assertion.prototype.assert = function (this: Chai.AssertionStatic, ...args: Parameters<typeof assert>) {
  try {
    return assert.apply(this, args);
  } catch (err) {
    if (err && typeof err === "object") {
      const failure = err as { actual?: unknown; expected?: unknown };
      if ("actual" in failure) failure.actual = describe(failure.actual);
      if ("expected" in failure) failure.expected = describe(failure.expected);
    }
    throw err;
  }
};
