/**
 * A reference to the backend function `module:name`, typed as `Api[module][name]`. The Convex client
 * accepts a function's name as its reference, so pages need neither `convex/server` nor the generated
 * api at runtime; the name is spelled from the same path that gives the type.
 */
export function functionRef<Api>() {
  return <Module extends keyof Api & string, Name extends keyof Api[Module] & string>(module: Module, name: Name) =>
    `${module}:${name}` as unknown as Api[Module][Name];
}
