// The helpers that Ajv's standalone validators call at run time, re-exported
// from here so that emitted `validators.cjs` files depend on `mcpc` alone and
// never on how npm happened to hoist ajv in the user's project.
//
// Each is loaded on first use: a server's validators usually need one or two
// of them, and loading all four (ajv-formats' table, fast-uri, deep equal)
// at start-up cost ~3 MB of RSS and start-up time for nothing.
const helpers = {
  get ucs2length(): (text: string) => number {
    return (require("ajv/dist/runtime/ucs2length") as typeof import("ajv/dist/runtime/ucs2length")).default;
  },
  get equal(): unknown {
    return (require("ajv/dist/runtime/equal") as typeof import("ajv/dist/runtime/equal")).default;
  },
  get uri(): unknown {
    return (require("ajv/dist/runtime/uri") as typeof import("ajv/dist/runtime/uri")).default;
  },
  get formats(): Record<string, unknown> {
    return (require("ajv-formats/dist/formats") as typeof import("ajv-formats/dist/formats")).fullFormats;
  },
};

export = helpers;
