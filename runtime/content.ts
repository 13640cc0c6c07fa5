// Content blocks a tool or prompt may return, and helpers that build them.
// The compiler recognises these types by where they are declared (this file):
// a tool returning one of them, or an array of them, answers with exactly
// those blocks and has no outputSchema.

export interface Annotations {
  audience?: ("user" | "assistant")[];
  priority?: number;
  lastModified?: string;
}

export interface TextContent {
  type: "text";
  text: string;
  annotations?: Annotations;
}

export interface ImageContent {
  type: "image";
  /** Base64. */
  data: string;
  mimeType: string;
  annotations?: Annotations;
}

export interface AudioContent {
  type: "audio";
  /** Base64. */
  data: string;
  mimeType: string;
  annotations?: Annotations;
}

export type ResourceContents =
  | { uri: string; mimeType?: string; text: string }
  | { uri: string; mimeType?: string; blob: string };

export interface EmbeddedResource {
  type: "resource";
  resource: ResourceContents;
  annotations?: Annotations;
}

export interface ResourceLink {
  type: "resource_link";
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Annotations;
}

export type ContentBlock = TextContent | ImageContent | AudioContent | EmbeddedResource | ResourceLink;

/** One message of a prompt's result. */
export interface PromptMessage {
  role: "user" | "assistant";
  content: TextContent | ImageContent | AudioContent | EmbeddedResource | ResourceLink;
}

type Bytes = Uint8Array | string;

/** Base64 of bytes; a string is taken as base64 already. */
function base64(data: Bytes): string {
  return typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

export function text(value: string, annotations?: Annotations): TextContent {
  return annotations === undefined ? { type: "text", text: value } : { type: "text", text: value, annotations };
}

/** An image block; `data` is raw bytes or base64 text. */
export function image(data: Bytes, mimeType: string, annotations?: Annotations): ImageContent {
  const out: ImageContent = { type: "image", data: base64(data), mimeType };
  if (annotations !== undefined) out.annotations = annotations;
  return out;
}

/** An audio block; `data` is raw bytes or base64 text. */
export function audio(data: Bytes, mimeType: string, annotations?: Annotations): AudioContent {
  const out: AudioContent = { type: "audio", data: base64(data), mimeType };
  if (annotations !== undefined) out.annotations = annotations;
  return out;
}

/**
 * A resource embedded in the result: a string is sent as text, bytes as a
 * base64 blob. The MIME type defaults to text/plain for text and
 * application/octet-stream for bytes.
 */
export function embeddedResource(uri: string, contents: string | Uint8Array, mimeType?: string): EmbeddedResource {
  const resource: ResourceContents =
    typeof contents === "string"
      ? { uri, mimeType: mimeType ?? "text/plain", text: contents }
      : { uri, mimeType: mimeType ?? "application/octet-stream", blob: base64(contents) };
  return { type: "resource", resource };
}

/** A link to a resource the client may read (or not) with resources/read. */
export function resourceLink(uri: string, name: string, details: Omit<ResourceLink, "type" | "uri" | "name"> = {}): ResourceLink {
  return { type: "resource_link", uri, name, ...details };
}

export function userMessage(content: string | PromptMessage["content"]): PromptMessage {
  return { role: "user", content: typeof content === "string" ? text(content) : content };
}

export function assistantMessage(content: string | PromptMessage["content"]): PromptMessage {
  return { role: "assistant", content: typeof content === "string" ? text(content) : content };
}
