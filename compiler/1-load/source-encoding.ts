import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";

/** Where a source's bytes stop being UTF-8: the offset in its decoded text (what positions are counted in) and the bytes. */
export interface EncodingProblem {
  /** UTF-16 offset in the text TypeScript parses (after a BOM, which TypeScript drops). */
  start: number;
  /** The offending bytes, as written: `0xE9`. */
  bytes: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Sources are read as UTF-8, as TypeScript reads them: a BOM (UTF-8, or the
 * UTF-16 ones TypeScript decodes by itself) is fine. Any other byte sequence
 * that is not UTF-8 would be decoded as U+FFFD, in descriptions, literals and
 * the emitted code alike, so it is reported where it is instead. Undefined
 * when the file is unreadable (TypeScript reports that) or valid.
 */
export function sourceEncodingProblem(fileName: string): EncodingProblem | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(fileName);
  } catch {
    return undefined;
  }
  // The native check is the common path; the scan below runs only for a file that fails it.
  if (isUtf8(bytes)) return undefined;
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) return undefined;
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b) ? UTF8_BOM.length : 0;
  const bad = firstInvalidUtf8(bytes, bom);
  if (bad === undefined) return undefined;
  const start = bytes.subarray(bom, bad.offset).toString("utf8").length;
  const shown = [...bytes.subarray(bad.offset, bad.offset + bad.length)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`);
  return { start, bytes: shown.join(" ") };
}

/** The first ill-formed sequence (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF), or undefined. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): { offset: number; length: number } | undefined {
  let i = from;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The range the second byte must fall in, and how many continuation bytes follow the lead.
    let second: [number, number];
    let count: number;
    if (lead >= 0xc2 && lead <= 0xdf) [second, count] = [[0x80, 0xbf], 1];
    else if (lead === 0xe0) [second, count] = [[0xa0, 0xbf], 2];
    else if (lead === 0xed) [second, count] = [[0x80, 0x9f], 2];
    else if (lead >= 0xe1 && lead <= 0xef) [second, count] = [[0x80, 0xbf], 2];
    else if (lead === 0xf0) [second, count] = [[0x90, 0xbf], 3];
    else if (lead === 0xf4) [second, count] = [[0x80, 0x8f], 3];
    else if (lead >= 0xf1 && lead <= 0xf3) [second, count] = [[0x80, 0xbf], 3];
    else return { offset: i, length: 1 };
    for (let k = 1; k <= count; k++) {
      const byte = bytes[i + k];
      const [low, high] = k === 1 ? second : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return { offset: i, length: k };
    }
    i += count + 1;
  }
  return undefined;
}
