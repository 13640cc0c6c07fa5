// The helpers that Ajv's standalone validators call at run time, re-exported
// from here so that emitted `validators.cjs` files depend on `mcpc` alone and
// never on how npm happened to hoist ajv in the user's project.
import ucs2length = require("ajv/dist/runtime/ucs2length");
import equal = require("ajv/dist/runtime/equal");
import uri = require("ajv/dist/runtime/uri");
import formats = require("ajv-formats/dist/formats");

const helpers: {
  ucs2length: (text: string) => number;
  equal: unknown;
  uri: unknown;
  formats: Record<string, unknown>;
} = {
  ucs2length: ucs2length.default,
  equal: equal.default,
  uri: uri.default,
  formats: formats.fullFormats,
};

export = helpers;
