/** `module:name` for every function of `Api` (an `api` object's type). */
export type FunctionPath<Api> = {
  [Module in keyof Api & string]: `${Module}:${keyof Api[Module] & string}`;
}[keyof Api & string];

/** The type of the function that `Path` names in `Api`. */
type FunctionAt<Api, Path> = Path extends `${infer Module extends keyof Api & string}:${infer Name}`
  ? Name extends keyof Api[Module]
    ? Api[Module][Name]
    : never
  : never;

/**
 * The type of a reference to `Path` in `Api`, for a module that must not share `functionRef`'s runtime
 * with the read-only path (a lazily loaded chunk that imports from it makes bundlers split a shared chunk).
 */
export type FunctionRef<Api, Path extends FunctionPath<Api>> = FunctionAt<Api, Path>;

/**
 * A reference to the backend function named `module:name`, typed as that function of `Api`. The Convex
 * client accepts a function's name as its reference, so pages need neither `convex/server` nor the
 * generated api at runtime; the name is checked against the same `Api` that gives the type.
 */
export function functionRef<Api>() {
  return <Path extends FunctionPath<Api>>(path: Path) => path as unknown as FunctionAt<Api, Path>;
}

/** Which functions of each module of `Api` a references object offers: `{ posts: "getBySlug" | "search" }`. */
export type FunctionNames<Api> = { [Module in keyof Api]?: keyof Api[Module] };

/**
 * References to the functions `Used` names, typed as `Api` types them, made on access like Convex's own
 * `anyApi`: `refs.posts.getBySlug` is the name `"posts:getBySlug"`. Pages carry no table of names, and
 * only the names `Used` lists type-check.
 */
export function functionRefs<Api, Used extends FunctionNames<Api>>() {
  const moduleRefs = (module: string) =>
    new Proxy({}, { get: (_, name) => (typeof name === "string" ? `${module}:${name}` : undefined) });
  return new Proxy({}, { get: (_, module) => (typeof module === "string" ? moduleRefs(module) : undefined) }) as {
    [Module in keyof Used & keyof Api]: { [Name in Used[Module] & keyof Api[Module]]: Api[Module][Name] };
  };
}
