/**
 * Checks a client's answer to a typed `ctx.elicit<T>(message)` against the
 * flat form schema the compiler built from T, so the function can trust the
 * type it declared. Returns what is wrong, or undefined.
 */
export function formAnswerProblem(schema: FormSchema, content: unknown): string | undefined {
  if (content === null || typeof content !== "object" || Array.isArray(content)) return "the content is not an object";
  const values = content as Record<string, unknown>;
  for (const name of schema.required ?? []) {
    if (values[name] === undefined) return `'${name}' is missing`;
  }
  for (const [name, value] of Object.entries(values)) {
    const field = schema.properties[name];
    if (field === undefined) return `'${name}' is not a field of the form`;
    const problem = fieldProblem(field, value);
    if (problem !== undefined) return `'${name}' ${problem}`;
  }
  return undefined;
}

interface FormField {
  type?: string;
  enum?: unknown[];
  items?: { enum?: unknown[] };
}

export interface FormSchema {
  properties: Record<string, FormField>;
  required?: string[];
}

function fieldProblem(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      if (field.enum !== undefined && !field.enum.includes(value)) return `must be one of ${field.enum.map((v) => JSON.stringify(v)).join(", ")}`;
      return undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "integer":
      return Number.isInteger(value) ? undefined : "must be an integer";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "array": {
      const allowed = field.items?.enum;
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && (allowed === undefined || allowed.includes(v)))) {
        return "must be a list of the offered choices";
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
