/** `npm start`: the local backend with seed data plus the demo (arrives with the local backend). */
import { ensureDependencies } from "./ensure.mjs";

ensureDependencies();
console.log("npm start will run the local Convex backend with seed data and the demo site; not built yet.");
