import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DocTag } from "../typescript/jsdoc.js";
import { isTag } from "../typescript/mcpc-tags.js";

export interface Icon {
  src: string;
  mimeType?: string;
  sizes?: string[];
  theme?: "light" | "dark";
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  svg: "image/svg+xml",
  webp: "image/webp",
  ico: "image/x-icon",
};

/**
 * `@icon <url> [48x48 …] [light|dark]` tags (spec 2025-11-25 icons), one icon
 * per tag. The MIME type comes from a data URI or the file extension.
 */
export function readIcons(tags: readonly DocTag[], bag: DiagnosticBag): Icon[] | undefined {
  const icons: Icon[] = [];
  for (const tag of tags) {
    if (!isTag(tag, "icon")) continue;
    const [src = "", ...rest] = tag.text.split(/\s+/).filter(Boolean);
    const sizes = rest.filter((r) => /^(\d+x\d+|any)$/.test(r));
    const theme = rest.find((r) => r === "light" || r === "dark") as Icon["theme"];
    const unknown = rest.filter((r) => !sizes.includes(r) && r !== theme);
    if (!/^(https?:\/\/\S+|data:image\/[\w.+-]+[;,]\S+)$/.test(src) || unknown.length > 0) {
      bag.report(Messages.InvalidTagValue, { tag: "icon", value: tag.text, expected: "an https or data: URL, then optional sizes such as 48x48 or any, and light or dark" }, tag.node);
      continue;
    }
    const icon: Icon = { src };
    const mimeType = src.startsWith("data:") ? /^data:([^;,]+)/.exec(src)?.[1] : MIME_BY_EXTENSION[/\.(\w+)(?:[?#].*)?$/.exec(src)?.[1]?.toLowerCase() ?? ""];
    if (mimeType !== undefined) icon.mimeType = mimeType;
    if (sizes.length > 0) icon.sizes = sizes;
    if (theme !== undefined) icon.theme = theme;
    icons.push(icon);
  }
  return icons.length > 0 ? icons : undefined;
}
