// runtime/uri-template.ts: what a URI may carry into a template variable.
// A value is judged after decoding, because that is what the function sees.
import { describe, expect, it } from "vitest";
import { matchUriTemplate, parseUriTemplate } from "../../runtime/uri-template.js";

function matcher(template: string) {
  const parsed = parseUriTemplate(template);
  if (!parsed.ok) throw new Error(parsed.problem);
  return (uri: string) => matchUriTemplate(parsed, uri);
}

describe("{var}: one path segment, after decoding too", () => {
  const match = matcher("files://{name}/meta");

  it("decodes a plain value", () => {
    expect(match("files://a%20b.txt/meta")).toEqual({ name: "a b.txt" });
    expect(match("files://..notes.txt/meta")).toEqual({ name: "..notes.txt" });
    expect(match("files://%C3%A9t%C3%A9/meta")).toEqual({ name: "été" });
  });

  it("refuses a slash or backslash that arrives percent-encoded", () => {
    for (const uri of ["files://%2e%2e%2f%2e%2e%2fetc%2fpasswd/meta", "files://a%2Fb/meta", "files://a%2fb/meta", "files://..%5C..%5Cwin.ini/meta", "files://a%5cb/meta"]) {
      expect(match(uri), uri).toBeUndefined();
    }
  });

  it("refuses NUL", () => {
    expect(match("files://notes.txt%00.png/meta")).toBeUndefined();
  });

  it("refuses a dot-segment, written plainly or encoded", () => {
    for (const uri of ["files://../meta", "files://./meta", "files://%2e%2e/meta", "files://%2E%2E/meta", "files://.%2e/meta", "files://%2e/meta"]) {
      expect(match(uri), uri).toBeUndefined();
    }
  });

  it("refuses malformed percent-encoding instead of passing it through raw", () => {
    expect(match("files://%zz/meta")).toBeUndefined();
    expect(match("files://%C3/meta")).toBeUndefined();
  });
});

describe("{+var}: the opt-in for reserved characters", () => {
  const match = matcher("files://root/{+path}");

  it("spans slashes and keeps escaped reserved characters as written", () => {
    expect(match("files://root/docs/a%20b/readme.md")).toEqual({ path: "docs/a b/readme.md" });
    expect(match("files://root/a%3Fb")).toEqual({ path: "a%3Fb" });
    expect(match("files://root/..notes.txt")).toEqual({ path: "..notes.txt" });
  });

  it("still refuses NUL, backslashes and dot-segments", () => {
    for (const uri of [
      "files://root/a%00b",
      "files://root/../../etc/passwd",
      "files://root/docs/%2e%2e/%2e%2e/etc/passwd",
      "files://root/docs/./x",
      "files://root/docs/..",
      "files://root/a%2F..%2F..%2Fetc",
      "files://root/..%5C..%5Cwin.ini",
    ]) {
      expect(match(uri), uri).toBeUndefined();
    }
  });
});
