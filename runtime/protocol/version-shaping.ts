// Answers shaped by the protocol version the session negotiated: a client
// meets only the content types and fields its version defines. Older SDK
// clients validate results strictly, so one block of an unknown type (audio
// before 2025-03-26, resource_link before 2025-06-18) loses the whole result.
// Each answer is shaped from the one the server builds for the latest version;
// sessions on the latest version pay one string comparison.
import { LATEST_PROTOCOL_VERSION } from "./versions.js";

/** What a protocol version has, beyond what 2024-11-05 had. */
export interface VersionFeatures {
  /** `audio` content (2025-03-26). */
  audio: boolean;
  /** Tool `annotations` (2025-03-26). */
  toolAnnotations: boolean;
  /** JSON-RPC batches (2025-03-26 only: 2025-06-18 removed them). */
  batches: boolean;
  /** `resource_link` content, `structuredContent`, `outputSchema`, `title` fields (2025-06-18). */
  resourceLinks: boolean;
  structured: boolean;
  titles: boolean;
  /** `icons` on tools, resources, prompts and the server (2025-11-25). */
  icons: boolean;
}

export function featuresOf(version: string | undefined): VersionFeatures {
  // Before initialize (or on a stateless request without a version header) the latest applies.
  const v = version ?? LATEST_PROTOCOL_VERSION;
  return {
    audio: v >= "2025-03-26",
    toolAnnotations: v >= "2025-03-26",
    batches: v < "2025-06-18",
    resourceLinks: v >= "2025-06-18",
    structured: v >= "2025-06-18",
    titles: v >= "2025-06-18",
    icons: v >= "2025-11-25",
  };
}

/** True when answers for this version are the latest ones, unchanged. */
export function isLatestShape(version: string | undefined): boolean {
  return version === undefined || version >= "2025-11-25";
}

type Json = Record<string, unknown>;

/** A listed tool, resource, template or prompt without the fields its version lacks. */
export function shapeListed(item: Json, features: VersionFeatures): Json {
  const shaped: Json = { ...item };
  if (!features.titles) delete shaped.title;
  if (!features.icons) delete shaped.icons;
  if (!features.structured) delete shaped.outputSchema;
  if (!features.toolAnnotations && "inputSchema" in shaped) delete shaped.annotations;
  if (!features.titles && Array.isArray(shaped.arguments)) {
    shaped.arguments = (shaped.arguments as Json[]).map(({ title: _, ...argument }) => argument);
  }
  return shaped;
}

/** serverInfo for the version (title came in 2025-06-18, icons in 2025-11-25). */
export function shapeImplementation(info: Json, version: string | undefined): Json {
  if (isLatestShape(version)) return info;
  return shapeListed(info, featuresOf(version));
}

/**
 * A content block the version cannot carry becomes a text block saying what
 * it was, so the model still learns of it and the rest of the result arrives.
 * A link keeps its URI (the model can read it with resources/read).
 */
export function shapeContentBlock(block: unknown, features: VersionFeatures, version: string): unknown {
  if (block === null || typeof block !== "object") return block;
  const b = block as Json;
  if (b.type === "audio" && !features.audio) {
    const size = typeof b.data === "string" ? ` of ${Math.floor((b.data.length * 3) / 4)} bytes` : "";
    return { type: "text", text: `[audio (${String(b.mimeType ?? "unknown type")})${size} not shown: protocol version ${version} has no audio content]` };
  }
  if (b.type === "resource_link" && !features.resourceLinks) {
    const details = [b.mimeType, b.description].filter((d) => typeof d === "string").join(", ");
    return { type: "text", text: `[resource link: ${String(b.title ?? b.name)} <${String(b.uri)}>${details === "" ? "" : ` (${details})`}]` };
  }
  return block;
}

/** A CallToolResult (as JSON) for the version: content types it has, no structuredContent before 2025-06-18. */
export function shapeToolResultJson(json: string, version: string | undefined): string {
  if (isLatestShape(version) || !mayNeedShaping(json)) return json;
  const features = featuresOf(version);
  const result = JSON.parse(json) as Json;
  if (!features.structured) delete result.structuredContent;
  if (Array.isArray(result.content)) result.content = result.content.map((block) => shapeContentBlock(block, features, version!));
  return JSON.stringify(result);
}

/** A GetPromptResult (as JSON) for the version: each message's content block shaped. */
export function shapePromptResultJson(json: string, version: string | undefined): string {
  if (isLatestShape(version) || !mayNeedShaping(json)) return json;
  const features = featuresOf(version);
  const result = JSON.parse(json) as Json;
  if (Array.isArray(result.messages)) {
    result.messages = (result.messages as Json[]).map((m) => ({ ...m, content: shapeContentBlock(m.content, features, version!) }));
  }
  return JSON.stringify(result);
}

/** Cheap test before parsing: does the JSON hold anything some older version lacks? */
function mayNeedShaping(json: string): boolean {
  return json.includes('"structuredContent"') || json.includes('"audio"') || json.includes('"resource_link"');
}
