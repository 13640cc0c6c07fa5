// Every diagnostic mcpc can report, defined once: a stable code, the message
// and a hint that says what to write instead. Codes never change meaning.
//   MCPC1xxx  a tool's signature or documentation
//   MCPC2xxx  loading the project: files, tsconfig, TypeScript's own errors
//   MCPC3xxx  configuration and the command line (mcpc.config.json, package.json "mcpc")
//   MCPC4xxx  warnings: a schema construct some client or model provider rejects or mangles
//   MCPC9xxx  an internal failure of mcpc (a bug: please report it)

export type Severity = "error" | "warning";

export interface MessageDefinition<P> {
  code: number;
  severity: Severity;
  message: (params: P) => string;
  hint?: (params: P) => string;
}

function define<P>(code: number, message: (p: P) => string, hint?: (p: P) => string, severity: Severity = "error"): MessageDefinition<P> {
  return hint === undefined ? { code, severity, message } : { code, severity, message, hint };
}

type Tool = { tool: string };
type Param = Tool & { param: string };

export const Messages = {
  ParameterWithoutType: define<Param>(
    1001,
    (p) => `Parameter '${p.param}' of tool '${p.tool}' has no type annotation.`,
    (p) => `Annotate it (for example '${p.param}: string') or give it a default value: without a type, mcpc cannot tell the model what to send.`,
  ),
  AnyType: define<{ where: string; tool: string; written: string }>(
    1002,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which has no schema.`,
    () => "Write the type the value really has; if any JSON value is fine, say so with a named type such as 'JsonValue'.",
  ),
  MissingDescription: define<Tool>(
    1003,
    (p) => `Tool '${p.tool}' has no description.`,
    () => "Add a JSDoc comment above the function: the model reads it to decide when to call the tool.",
  ),
  InvalidToolName: define<{ name: string }>(
    1004,
    (p) => `'${p.name}' is not a valid tool name.`,
    () => "Tool names are 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'; set one with a JSDoc '@name' tag.",
  ),
  DuplicateToolName: define<{ name: string; other: string }>(
    1005,
    (p) => `Tool name '${p.name}' is already used by ${p.other}.`,
    () => "Rename one of the functions, or give one a different name with a JSDoc '@name' tag.",
  ),
  UnsupportedType: define<{ where: string; tool: string; written: string; reason: string }>(
    1006,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which mcpc cannot turn into a JSON Schema: ${p.reason}.`,
    () => "Use JSON-shaped data: strings, numbers, booleans, null, arrays, and objects of those.",
  ),
  UnsupportedReturnType: define<{ tool: string; written: string; reason: string }>(
    1007,
    (p) => `Tool '${p.tool}' returns '${p.written}', which mcpc cannot send as a result: ${p.reason}.`,
    () => "Return a string, a JSON-shaped object, or nothing (void); annotate the return type if it is inferred as 'any'.",
  ),
  InvalidTagValue: define<{ tag: string; value: string; expected: string }>(
    1008,
    (p) => `@${p.tag} has an invalid value '${p.value}': expected ${p.expected}.`,
    (p) => `Write it as, for example, '@${p.tag} ${exampleFor(p.tag)}'.`,
  ),
  TagDoesNotFit: define<{ tag: string; kind: string; fits: string }>(
    1009,
    (p) => `@${p.tag} does not apply to ${p.kind}: it constrains ${p.fits}.`,
    () => "Move the tag to a declaration of the right type, or remove it.",
  ),
  DestructuredParameterNotAlone: define<Tool>(
    1010,
    (p) => `Tool '${p.tool}' destructures a parameter but has other parameters too.`,
    () => "Either take one destructured object ('({ a, b }: Args)') or plain parameters ('(a: string, b: number)'), not both.",
  ),
  DestructuredParameterNotObject: define<Tool & { written: string }>(
    1011,
    (p) => `The destructured parameter of tool '${p.tool}' has type '${p.written}', which is not a single object type.`,
    () => "Clients require the arguments to be one object: destructure an interface or object type, not a union or array.",
  ),
  NoTools: define<{ file: string }>(
    1012,
    (p) => `'${p.file}' exports no functions, so the server would have no tools.`,
    () => "Export the functions to serve: 'export function name(...)' or 'export const name = (...) => ...'.",
  ),
  InvalidDefault: define<{ param: string; tool: string }>(
    1013,
    (p) => `The default value of parameter '${p.param}' of tool '${p.tool}' does not match the parameter's type.`,
    () => "Make the default a value of the declared type.",
  ),
  EntryNotFound: define<{ file: string }>(
    2001,
    (p) => `Cannot find entry file '${p.file}'.`,
    () => "Check the path; it is resolved from the current directory.",
  ),
  EntryNotTypeScript: define<{ file: string }>(
    2002,
    (p) => `Entry '${p.file}' is not a TypeScript source file.`,
    () => "Give a .ts, .mts or .tsx file that exports the tool functions.",
  ),
  TsconfigError: define<{ file: string; message: string }>(2003, (p) => `Cannot use '${p.file}': ${p.message}`),
  TypeScriptError: define<{ tsCode: number; message: string }>(
    2004,
    (p) => `TS${p.tsCode}: ${p.message}`,
    () => "Fix the TypeScript error: mcpc reads the same types tsc does.",
  ),
  OutputNotOurs: define<{ dir: string }>(
    2005,
    (p) => `Output directory '${p.dir}' exists and was not written by mcpc.`,
    () => "Choose an empty or new directory with --out; mcpc replaces its output directory as a whole.",
  ),
  ConfigUnreadable: define<{ file: string; message: string }>(
    3001,
    (p) => `Cannot read the mcpc configuration in '${p.file}': ${p.message}`,
    () => "The configuration must be a JSON object: the 'mcpc' key of package.json or the whole of mcpc.config.json.",
  ),
  ConfigUnknownKey: define<{ key: string; known: string }>(
    3002,
    (p) => `Unknown configuration key '${p.key}'.`,
    (p) => `Known keys: ${p.known}. A misspelt key would otherwise be ignored silently.`,
  ),
  ConfigInvalidValue: define<{ key: string; expected: string; got: string }>(
    3003,
    (p) => `Configuration key '${p.key}' must be ${p.expected}; got ${p.got}.`,
  ),
  ConfigInTwoPlaces: define<{ first: string; second: string }>(
    3004,
    (p) => `mcpc is configured in both ${p.first} and ${p.second}.`,
    () => "Keep the configuration in one place, so there is no doubt which one applies.",
  ),
  OutputDiffers: define<{ path: string; state: "differs" | "missing" | "extra" }>(
    3005,
    (p) =>
      p.state === "missing"
        ? `'${p.path}' would be emitted but is missing on disk.`
        : p.state === "extra"
          ? `'${p.path}' is on disk but would not be emitted.`
          : `'${p.path}' differs from what mcpc would emit.`,
    () => "Run 'mcpc build' and commit the result; generated files are not edited by hand.",
  ),
  NoEntry: define<Record<string, never>>(
    3006,
    () => "No entry file given.",
    () => "Pass one ('mcpc build src/tools.ts') or set 'entry' in the 'mcpc' key of package.json or in mcpc.config.json.",
  ),
  ManifestUnreadable: define<{ file: string; message: string }>(
    3007,
    (p) => `Cannot read the manifest '${p.file}': ${p.message}`,
    () => "Give the manifest.json of a build (or an entry .ts file to compile), e.g. 'mcpc diff old/manifest.json src/tools.ts'.",
  ),
  InitWouldOverwrite: define<{ file: string }>(
    3008,
    (p) => `'${p.file}' already exists; mcpc init does not overwrite files.`,
    () => "Run 'mcpc init' in a new or empty directory: 'mcpc init my-server'.",
  ),
  ClientConfigUnreadable: define<{ file: string; message: string }>(
    3009,
    (p) => `Cannot merge into the client configuration '${p.file}': ${p.message}`,
    () => "Fix the file (it must be a JSON object) or print the entry without --write and add it by hand.",
  ),
  ClientSchemaConstruct: define<{ tool: string; where: string; construct: string; clients: string; effect: string; fix: string }>(
    4001,
    (p) => `Tool '${p.tool}': ${p.construct} at '${p.where}' is ${p.effect} by ${p.clients}.`,
    (p) => p.fix,
    "warning",
  ),
  InternalError: define<{ tool: string; message: string }>(
    9001,
    (p) => `mcpc failed internally while compiling ${p.tool}: ${p.message}`,
    () => "This is a bug in mcpc; please report it with the source that triggers it.",
  ),
} as const;

function exampleFor(tag: string): string {
  switch (tag) {
    case "pattern":
      return "^[a-z]+$";
    case "format":
      return "email";
    case "default":
    case "examples":
      return '"value"';
    default:
      return "10";
  }
}
