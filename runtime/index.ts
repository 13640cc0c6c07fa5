// What users' tool files import: `import { ToolError, type Context } from "mcpc/runtime"`.
export { ToolError } from "./errors.js";
export type { Context, Logger } from "./context.js";
