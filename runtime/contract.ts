// The contract between the compiler and the runtime, defined once: what the
// compiler decides about each function and writes into server.js and
// manifest.json, and what the runtime acts on. Types only; the compiler
// imports them type-only and the runtime never imports the compiler.

/**
 * How a function's return value becomes a CallToolResult, decided by the
 * compiler from the declared return type:
 * - `text`: a string, sent as one text block;
 * - `structured`: an object, sent as structuredContent plus the same JSON as text;
 * - `wrapped`: any other JSON value, sent as structuredContent `{ result }`;
 * - `void`: nothing, sent as empty content;
 * - `content`: content blocks made with the runtime's helpers.
 */
export type ResultKind = "text" | "structured" | "wrapped" | "void" | "content";

/**
 * How a resource function's return value becomes contents: `text` (a string),
 * `json` (any JSON value, serialised), `blob` (a Uint8Array, base64).
 */
export type ResourceContentKind = "text" | "json" | "blob";

/** How a prompt function's return value becomes messages: one user text, or the messages themselves. */
export type PromptResultKind = "text" | "messages";

/** A JSON Schema object as it travels in a listing. */
export interface SchemaObject {
  type?: string;
  [keyword: string]: unknown;
}

/** A tool as tools/list advertises it, keys in emission order. */
export interface ToolListing {
  name: string;
  title?: string;
  description?: string;
  inputSchema: SchemaObject;
  icons?: unknown[];
  outputSchema?: SchemaObject;
  annotations?: Record<string, unknown>;
}

/** A resource, resource template or prompt as its list method advertises it. */
export type FeatureListing = Record<string, unknown>;

/**
 * The OAuth scopes (`@scope`) a caller needs, per tool name, resource URI,
 * template and prompt name; only the ones that need any. Every scope listed
 * is required.
 */
export interface RequiredScopes {
  tools?: Record<string, string[]>;
  resources?: Record<string, string[]>;
  resourceTemplates?: Record<string, string[]>;
  prompts?: Record<string, string[]>;
}

/** manifest.json: everything the server offers a client, exactly as it lists it. */
export interface Manifest {
  tools: ToolListing[];
  resources: FeatureListing[];
  resourceTemplates: FeatureListing[];
  prompts: FeatureListing[];
  /** Present when some function has `@scope` tags (not part of any listing: the lists are the same for every caller). */
  scopes?: RequiredScopes;
}
