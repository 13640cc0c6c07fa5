// Every diagnostic mcpc can report, defined once: a stable code, the message
// and a hint that says what to write instead. Codes never change meaning.
//   MCPC1xxx  a tool's signature or documentation
//   MCPC2xxx  loading the project: files, tsconfig, TypeScript's own errors
//   MCPC3xxx  configuration and the command line (mcpc.config.json, package.json "mcpc")
//   MCPC4xxx  warnings: a schema construct some client or model provider rejects or mangles
//   MCPC5xxx  the built server: bundling its dependencies and assets, proving that it boots
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
/** A place in a tool's signature and the type written there. */
type Where = { where: string; tool: string; written: string };

export const Messages = {
  ParameterWithoutType: define<Param>(
    1001,
    (p) => `Parameter '${p.param}' of tool '${p.tool}' has no type annotation.`,
    (p) => `Annotate it (for example '${p.param}: string') or give it a default value: without a type, mcpc cannot tell the model what to send.`,
  ),
  AnyType: define<{ where: string; tool: string; written: string }>(
    1002,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which has no schema.`,
    () => "Write the type the value really has; if any JSON value is fine, write 'unknown' and opt in with the JSDoc tag '@json'.",
  ),
  MissingDescription: define<Tool>(
    1003,
    (p) => `Tool '${p.tool}' has no description.`,
    () =>
      "Add a JSDoc comment above the function: the model reads it to decide when to call the tool. If it is a helper, not a tool, mark it '@internal' (or stop exporting it from the entry).",
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
    (p) => `Write it as, for example, '${`@${p.tag} ${exampleFor(p.tag)}`.trim()}'.`,
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
  InvalidDefault: define<{ param: string; tool: string; problem?: string }>(
    1013,
    (p) => `The default value of parameter '${p.param}' of tool '${p.tool}' does not match the parameter's type${p.problem ? `: ${p.problem}` : ""}.`,
    () => "Make the default a value of the declared type (and of its JSDoc constraints).",
  ),
  InvalidScope: define<{ scope: string }>(
    1014,
    (p) => (p.scope === "" ? "@scope names no scope." : `@scope '${p.scope}' is not a valid OAuth scope.`),
    () => "A scope is printable ASCII without spaces, '\"' or '\\' (RFC 6749 §3.3), for example '@scope notes:write'; list several separated by spaces.",
  ),
  DefaultExport: define<{ file: string; suggested: string }>(
    1015,
    (p) => `The default export of '${p.file}' is a function, but a tool needs a name and a default export has none.`,
    (p) => `Export it by name instead, for example 'export function ${p.suggested}(...)': the name is what clients call.`,
  ),
  UnknownParamTag: define<{ tool: string; name: string; of?: string; suggestion: string }>(
    1016,
    (p) => `'@param ${p.name}' of tool '${p.tool}' names no ${p.of === undefined ? "parameter" : `property of ${p.of}`}${p.suggestion}`,
    () => "Write the parameter's name as in the signature, and a member's path as its type names it ('@param args.owner'): a misspelt @param loses its description.",
  ),
  StrayParameterTag: define<{ tag: string; tool: string; after?: string }>(
    1017,
    (p) => `@${p.tag} in the comment of tool '${p.tool}' constrains no parameter: it is not under a @param${p.after === undefined ? "" : ` (the @${p.after} above it ends the @param's block)`}.`,
    (p) =>
      `Write it on the lines right below the @param it belongs to ('@param name - …', then '${`@${p.tag} ${exampleFor(p.tag)}`.trim()}'), or in a comment on the parameter or property itself.`,
  ),
  ParamTagDefaultNotLiteral: define<{ tool: string; name: string; written: string }>(
    1018,
    (p) => `The default '${p.written}' in '@param [${p.name}=…]' of tool '${p.tool}' is not a literal value, so it cannot be written into the schema.`,
    () => "Write a literal (a number, a string in quotes, true, false, null, or an array or object of those), or give the default in the signature ('limit = 10').",
  ),
  DefaultsDisagree: define<{ tool: string; param: string; signature: string; jsdoc: string }>(
    1019,
    (p) => `Parameter '${p.param}' of tool '${p.tool}' defaults to ${p.signature} in the signature but to ${p.jsdoc} in its JSDoc.`,
    () => "Write the default once, in the signature ('limit = 10'), which mcpc copies into the schema; or make the JSDoc '@default' say the same value.",
  ),
  MisspeltTag: define<{ written: string; meant: string; where: string; produces: string }>(
    1020,
    (p) => `Unknown tag '@${p.written}' is ignored; did you mean '@${p.meant}'?`,
    (p) =>
      `mcpc reads '@${p.meant}' on ${p.where} (it gives ${p.produces}), and tag names are case-sensitive. mcpc leaves tags it does not read to other tools; docs/features.md lists every tag it reads.`,
    "warning",
  ),
  UnsafePattern: define<{ pattern: string; complexity: string; hotspots: string[]; attack: string }>(
    1023,
    (p) =>
      `@pattern '${p.pattern}' can make validation take ${p.complexity} time${p.hotspots.length === 0 ? "" : `: it can match the same text in many ways around ${p.hotspots.map((h) => `'${h}'`).join(", ")}`}, so one crafted argument (such as ${p.attack}) keeps the server busy for seconds or hours.`,
    () =>
      "Rewrite it so that each character can be matched one way only: no quantified group whose body repeats too ('(a+)+' becomes 'a+', '(\\w+\\s?)*' becomes '\\w+(\\s\\w+)*'), no overlapping alternatives under a repetition ('(a|ab)*'), no adjacent repetitions of the same characters ('\\d+\\d*'). To keep a pattern you have reviewed, add the tag '@trustPattern' beside it.",
  ),
  PatternNotChecked: define<{ pattern: string; reason: string }>(
    1024,
    (p) => `@pattern '${p.pattern}' could not be checked for catastrophic backtracking: ${p.reason}.`,
    () =>
      "Simplify it (smaller counted repetitions, fewer nested groups) so that the check can decide; or, once you have reviewed it, add the tag '@trustPattern' beside it to keep it as it is.",
    "warning",
  ),
  SlowFormat: define<{ format: string; how: string }>(
    1026,
    (p) => `@format ${p.format} is checked (by ajv-formats) with a pattern that backtracks: it takes ${p.how}, so one crafted argument keeps the server busy.`,
    () =>
      "Take '@format uri' (any RFC 3986 URI, checked in linear time) and check the scheme in the tool, or write a '@pattern' of your own (such as '^https?://\\S+$'), which mcpc checks the same way. To keep the format knowingly, add the tag '@trustPattern' beside it.",
  ),
  PrototypeName: define<{ where: string }>(
    1025,
    (p) =>
      `${p.where}: in JavaScript the name '__proto__' reaches an object's prototype, not a property of its own, so the function could receive Object.prototype instead of the value (and a default assigned to it would reach every object).`,
    () => "Rename it (for example 'proto'): no schema makes this name safe to receive.",
  ),
  // MCPC1100–1199: the type system. Each refusal names what was written and what to write instead.
  UnknownType: define<Where>(
    1100,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which accepts any value, so the model gets no guidance.`,
    () => "Write the type the value has; or, if any JSON value is really fine, opt in with the JSDoc tag '@json' on this parameter or property.",
  ),
  NeverType: define<Where>(
    1101,
    (p) => `${p.where} of tool '${p.tool}' has type 'never', so no value could ever be sent.`,
    () => "Check the type: an intersection of incompatible types or an exhausted union resolves to 'never'.",
  ),
  BigIntType: define<Where>(
    1102,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', and JSON has no bigint.`,
    () => "Take a 'number', or a 'string' of digits (with '@pattern ^-?[0-9]+$') and convert it with BigInt().",
  ),
  SymbolType: define<Where>(
    1103,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': symbols cannot be sent as JSON.`,
    () => "Take a string (or a union of string literals) that names the choice.",
  ),
  FunctionType: define<Where>(
    1104,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': functions cannot be sent as JSON.`,
    () => "Take data that says what to do (for example a union of string literals) and choose the function inside the tool.",
  ),
  MapType: define<Where>(
    1105,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': a Map has no JSON form.`,
    () => "Take 'Record<string, T>' (an object) or an array of [key, value] tuples, and build the Map inside the tool.",
  ),
  SetType: define<Where>(
    1106,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': a Set has no JSON form.`,
    () => "Take an array ('T[]', with the JSDoc tag '@uniqueItems') and build the Set inside the tool.",
  ),
  PromiseType: define<Where>(
    1107,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': a Promise cannot be sent, only the value it resolves to.`,
    () => "Take the resolved type ('T' instead of 'Promise<T>'); a tool's own return type may be a Promise.",
  ),
  ClassWithMethods: define<Where & { method: string; member?: string }>(
    1108,
    (p) =>
      p.member === "private member"
        ? `${p.where} of tool '${p.tool}' has type '${p.written}', whose private member '${p.method}' makes it nominal: a plain object from JSON is never an instance.`
        : `${p.where} of tool '${p.tool}' has type '${p.written}', whose ${p.member ?? "method"} '${p.method}' would be lost: JSON carries data, not methods.`,
    () => "Take a plain interface with the data fields, and construct the class inside the tool.",
  ),
  TypeParameterType: define<Where>(
    1109,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', a type parameter that is only known when the function is called.`,
    () => "Give the tool a concrete type; keep generic helpers internal and call them from a non-generic exported function.",
  ),
  TemplateLiteralType: define<Where & { reason: string }>(
    1110,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', a template literal type mcpc cannot turn into a pattern: ${p.reason}.`,
    () => "Use '${string}' and '${number}' placeholders between literal text, or take a 'string' with a JSDoc '@pattern'.",
  ),
  UndefinedType: define<Where>(
    1111,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', and JSON has no undefined.`,
    () => "Make the parameter or property optional ('name?: T') instead of giving it an undefined type.",
  ),
  ObjectKeywordType: define<Where>(
    1112,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which says nothing about the properties.`,
    () => "Declare the properties (an interface or object type), 'Record<string, T>', or opt in to any JSON value with '@json' and 'unknown'.",
  ),
  NoJsonForm: define<Where & { instead: string }>(
    1113,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', which has no JSON form.`,
    (p) => `Take ${p.instead} and convert it inside the tool.`,
  ),
  RestBeforeElements: define<Where>(
    1114,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', a tuple with a rest element before fixed elements, which JSON Schema cannot express.`,
    () => "Put the rest element last ('[string, ...number[]]'), or take an object with named fields.",
  ),
  AmbiguousRevival: define<Where>(
    1115,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}': a Date or URL in this union cannot be told apart from the other members once sent as JSON.`,
    () => "Make the union discriminated (a literal 'kind' property in each object member), or take the ISO string and convert it inside the tool.",
  ),
  IntersectionNotObject: define<Where>(
    1116,
    (p) => `${p.where} of tool '${p.tool}' has type '${p.written}', an intersection that is not of object types (a branded primitive?).`,
    () => "Take the plain type ('string', 'number') and check or brand the value inside the tool.",
  ),
  JsonTagWithoutUnknown: define<Where>(
    1117,
    (p) => `${p.where} of tool '${p.tool}' is tagged '@json' but its type '${p.written}' holds no 'unknown'.`,
    () => "'@json' opts in to 'unknown' (any JSON value); remove the tag, or use it where the type is 'unknown'.",
  ),
  DetachedDocComment: define<{ member: string }>(
    1118,
    (p) => `This JSDoc comment on '${p.member}' is ignored by TypeScript: it does not start its own line, so its description and tags never reach the schema.`,
    () => "Put the comment on its own line above the member: TypeScript attaches a member's JSDoc (its description and tags such as @maximum) only then.",
  ),
  ConflictingKindTags: define<{ name: string }>(
    1201,
    (p) => `'${p.name}' is tagged both @resource and @prompt.`,
    () => "A function is one thing: keep @resource or @prompt, and write a second function for the other.",
  ),
  MissingResourceUri: define<{ name: string }>(
    1202,
    (p) => `@resource on '${p.name}' names no URI.`,
    () => "Write the URI after the tag: '@resource config://app' or a template such as '@resource users://{id}/profile'.",
  ),
  InvalidUriTemplate: define<{ uri: string; problem: string }>(
    1203,
    (p) => `'${p.uri}' is not a URI template mcpc can serve: ${p.problem}.`,
    () => "Use literal text with {name} (one path segment) or {+name} (may contain '/') expressions.",
  ),
  TemplateVariableWithoutParameter: define<{ uri: string; variable: string; name: string }>(
    1204,
    (p) => `The URI template '${p.uri}' has the variable '${p.variable}', but '${p.name}' has no parameter of that name.`,
    (p) => `Add a parameter '${p.variable}' to the function, or remove {${p.variable}} from the template.`,
  ),
  ParameterWithoutTemplateVariable: define<{ uri: string; param: string; name: string }>(
    1205,
    (p) => `Parameter '${p.param}' of resource '${p.name}' does not appear in its URI '${p.uri}'.`,
    (p) => `A resource's parameters come from its URI: add {${p.param}} to the URI, or remove the parameter.`,
  ),
  UnsupportedArgumentType: define<{ what: string; written: string; place: string; expected: string }>(
    1206,
    (p) => `${p.what} has type '${p.written}', which cannot be written in ${p.place}.`,
    (p) => `Use ${p.expected}.`,
  ),
  UnsupportedResourceReturn: define<{ name: string; written: string }>(
    1207,
    (p) => `Resource '${p.name}' returns '${p.written}', which mcpc cannot send as resource contents.`,
    () => "Return a string (text), a Uint8Array (binary, sent as base64) or a JSON-shaped value (sent as application/json).",
  ),
  UnsupportedPromptReturn: define<{ name: string; written: string }>(
    1208,
    (p) => `Prompt '${p.name}' returns '${p.written}', which is not a prompt result.`,
    () => "Return a string (sent as one user message) or an array of PromptMessage from 'mcpc/runtime' (userMessage(), assistantMessage()).",
  ),
  DuplicateFeatureName: define<{ what: string; name: string; fn: string; other: string }>(
    1209,
    (p) => `${p.what} '${p.name}' of the function '${p.fn}' is already declared by the function '${p.other}'.`,
    () => "Rename one of them (@name for prompts, a different URI for resources).",
  ),
  CompleteFunctionNotFound: define<{ fn: string; file: string }>(
    1210,
    (p) => `@complete names '${p.fn}', which '${p.file}' does not export as a function.`,
    (p) => `Export it from the same file: 'export function ${p.fn}(value: string): string[] | Promise<string[]>'.`,
  ),
  CompleteArgumentNotFound: define<{ argument: string; name: string }>(
    1211,
    (p) => `@complete names the argument '${p.argument}', which '${p.name}' does not have.`,
    () => "Write the name of one of the prompt's arguments or the template's variables.",
  ),
  ElicitWithoutType: define<Record<string, never>>(
    1212,
    () => "ctx.elicit(message) needs a type argument: mcpc builds the form's schema from it.",
    () => "Write ctx.elicit<{ name: string; age?: number }>(\"message\"), or pass the raw params object ctx.elicit({ message, requestedSchema }).",
  ),
  ElicitTypeNotFlat: define<{ written: string; reason: string }>(
    1213,
    (p) => `The form type '${p.written}' of ctx.elicit cannot be asked of a user: ${p.reason}.`,
    () => "Elicitation forms are flat: an object whose properties are strings, numbers, integers, booleans, string literal unions (single choice) or arrays of string literal unions (multiple choice).",
  ),
  DestructuredFeatureParameter: define<{ name: string }>(
    1214,
    (p) => `'${p.name}' destructures a parameter; resources and prompts take plain named parameters.`,
    () => "Write one parameter per template variable or prompt argument, e.g. '(id: string, lang?: string)'.",
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
  TsconfigError: define<{ file: string; message: string }>(
    2003,
    (p) => `Cannot use '${p.file}': ${p.message}`,
    () => "Fix tsconfig.json (mcpc reads the same options tsc does), or point at another one with --tsconfig.",
  ),
  TypeScriptError: define<{ tsCode: number; message: string }>(
    2004,
    (p) => `TS${p.tsCode}: ${p.message}`,
    (p) =>
      // The runtime's types come from the mcpc package: the project has to have it installed.
      p.tsCode === 2307 && /'mcpc(\/[^']*)?'/.test(p.message)
        ? "Install mcpc in this project ('npm i -D mcpc'): the emitted server and the types it imports come from the mcpc package."
        : "Fix the TypeScript error: mcpc reads the same types tsc does.",
  ),
  OutputNotOurs: define<{ dir: string }>(
    2005,
    (p) => `Output directory '${p.dir}' exists and was not written by mcpc.`,
    () => "Choose an empty or new directory with --out; mcpc replaces its output directory as a whole.",
  ),
  CompilerLimit: define<{ file: string }>(
    2006,
    (p) => `mcpc could not compile '${p.file}': it nests too deeply for the compiler's stack.`,
    () => "A type or expression nested thousands of levels deep (often generated code) overflows TypeScript's and mcpc's recursion: flatten it, or move it out of the files mcpc reads.",
  ),
  RuntimeNotInstalled: define<{ specifier: string }>(
    2007,
    (p) => `'${p.specifier}' is not installed in this project; mcpc used its own copy of the types to build.`,
    () => "Run 'npm i -D mcpc' so that editors and tsc find the same types (the built server carries its runtime either way).",
    "warning",
  ),
  SourceNotUtf8: define<{ bytes: string }>(
    2008,
    (p) => `This file is not valid UTF-8 (${p.bytes.includes(" ") ? "bytes" : "byte"} ${p.bytes} here): mcpc reads sources as UTF-8, so the character written here would become U+FFFD, the replacement character, in descriptions and in the built server.`,
    () =>
      "Re-save the file as UTF-8 (in VS Code: 'Save with Encoding', then 'UTF-8'); a file saved as Latin-1 or Windows-1252 writes 'é' as the single byte 0xE9, which UTF-8 does not allow.",
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
    (p) => `'${p.file}' already exists; mcpc init left it as it is.`,
    () => "mcpc init never overwrites: compare with what 'mcpc init <new-dir>' writes if you want the template's version.",
    "warning",
  ),
  ClientConfigUnreadable: define<{ file: string; message: string }>(
    3009,
    (p) => `Cannot merge into the client configuration '${p.file}': ${p.message}`,
    () => "Fix the file (it must be a JSON object) or print the entry without --write and add it by hand.",
  ),
  ConfigSecret: define<{ key: string; variable: string }>(
    3010,
    (p) => `Configuration key '${p.key}' holds a secret, and the configuration is compiled into server.js.`,
    (p) => `Remove it and set ${p.variable} in the server's environment instead.`,
  ),
  ClientSchemaConstruct: define<{ tool: string; where: string; construct: string; clients: string; effect: string; fix: string }>(
    4001,
    (p) => `Tool '${p.tool}': ${p.construct} at '${p.where}' is ${p.effect} by ${p.clients}.`,
    (p) => p.fix,
    "warning",
  ),
  NativeAddon: define<{ pkg: string; evidence: string }>(
    5001,
    (p) => `'${p.pkg}' is a native addon (${p.evidence}): compiled machine code cannot be bundled into a standalone server.`,
    () =>
      "Use a pure-JavaScript package instead, or deploy without --bundle: copy the output and run 'npm ci --omit=dev' where the server runs, so the addon is built for that machine.",
  ),
  BundleFailed: define<{ message: string }>(
    5002,
    (p) => `Cannot bundle the server: ${p.message}`,
    () => "Install what the code imports ('npm install'), or remove the import; a standalone server carries every module it loads.",
  ),
  AssetNotFound: define<{ pattern: string }>(
    5003,
    (p) => `Asset pattern '${p.pattern}' matches no file.`,
    () => "Assets are globs relative to the project directory (for example \"src/data/**\"); fix the pattern or remove it.",
  ),
  AssetOutsideOutput: define<{ file: string; target: string }>(
    5004,
    (p) => `Asset '${p.file}' would be copied to '${p.target}', which is not a free place inside the output directory.`,
    () => "Keep run-time files next to the sources that read them (under the directory of your entry files), and name them apart from the emitted files.",
  ),
  AssetUnreadable: define<{ file: string }>(
    5007,
    (p) => `Asset '${p.file}' is a symbolic link to nothing.`,
    () => "Point the link at the file the code reads, or remove it; a bundle without it would fail when the code reads it.",
  ),
  ServerDidNotBoot: define<{ dir: string; problem: string; stderr: string; rerun: string }>(
    5005,
    (p) => `The built server in '${p.dir}' does not start: ${p.problem}${p.stderr === "" ? " (it wrote nothing to stderr)." : `. Its stderr:\n${p.stderr}`}`,
    (p) => `Fix what its stderr shows, then run '${p.rerun}' again; a build that succeeds must be a server that runs.`,
  ),
  ServerListingDiffers: define<{ dir: string; method: string; detail: string }>(
    5006,
    (p) => `The built server in '${p.dir}' answers ${p.method} unlike its manifest: ${p.detail}.`,
    () =>
      "Something changed what the server lists after mcpc wrote it: an edited output, code that edits the manifest at run time, or a runtime other than the one that built it. Build again and leave the output as written.",
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
    case "integer":
    case "uniqueItems":
    case "json":
      return "";
    case "icon":
      return "https://example.com/icon.png 48x48";
    case "complete":
      return "city suggestCities";
    case "audience":
      return "user,assistant";
    case "priority":
      return "0.8";
    default:
      return "10";
  }
}
