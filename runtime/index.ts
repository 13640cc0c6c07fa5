// What users' tool files import: `import { ToolError, type Context } from "mcpc/runtime"`.
export { ClientRefusedError, ToolError } from "./errors.js";
export type { Context, Logger } from "./context.js";
export type { AuthInfo } from "./auth/types.js";
export { text, image, audio, embeddedResource, resourceLink, userMessage, assistantMessage } from "./content.js";
export type {
  Annotations,
  AudioContent,
  ContentBlock,
  EmbeddedResource,
  ImageContent,
  PromptMessage,
  ResourceContents,
  ResourceLink,
  TextContent,
} from "./content.js";
export type { Elicited } from "./context.js";
