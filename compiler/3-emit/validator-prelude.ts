/**
 * Functions written once at the top of validators.cjs, which every validator
 * in it may call. They are real functions here (unit-testable) and go into the
 * output as their own source text, so they must stay self-contained: no
 * imports, nothing from outside but what JavaScript itself provides.
 *
 * Why they exist: the validators must bound the work one request can cost.
 * Ajv's `uniqueItems` compares every pair of object items (20,000 items took
 * seconds), and with `allErrors` it builds one error object per fault however
 * many there are (a million faults took most of a second).
 */

/** Errors one validator collects before it stops looking for more. */
export const MAX_VALIDATION_ERRORS = 100;

/**
 * A text for a value such that values equal as JSON Schema means it (`{a,b}`
 * and `{b,a}` alike; numbers by value) have equal texts and unequal ones
 * never do: object keys sorted, strings written with their length in front
 * (no escaping to scan for), numbers as JavaScript writes them (1.0 is 1).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "string") return `"${value.length}:${value}`;
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += `${canonicalJson(value[i])},`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    text += `${key.length}:${key}${canonicalJson(record[key])},`;
  }
  return `${text}}`;
}

/**
 * `uniqueItems` in one pass: null when the items are distinct, else `[j, i]`,
 * the same pair Ajv reports (i the last item equal to an earlier one, j the
 * nearest earlier item equal to it).
 */
export function duplicateItems(items: readonly unknown[]): [number, number] | null {
  const lastIndexOf = new Map<string, number>();
  let pair: [number, number] | null = null;
  for (let i = 0; i < items.length; i++) {
    const key = canonicalJson(items[i]);
    const earlier = lastIndexOf.get(key);
    if (earlier !== undefined) pair = [earlier, i];
    lastIndexOf.set(key, i);
  }
  return pair;
}

/** Thrown by a validator that has collected MAX_VALIDATION_ERRORS errors; carries them. */
export class ValidationStopped extends Error {
  constructor(readonly errors: unknown[]) {
    super("validation stopped after enough errors");
  }
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

/**
 * The exported validator: runs `detailed` (all errors, stopping once it has
 * enough) and, when it stopped, takes the verdict from `verdict` (first error
 * only) if the schema could still have accepted the value (errors inside
 * anyOf/oneOf/not/contains can be taken back), else the value is invalid. The
 * errors of a stopped run say there may be more (`truncated`).
 */
export function boundedValidator(detailed: CompiledValidator, verdict: CompiledValidator | null): CompiledValidator {
  const validate: CompiledValidator = (data) => {
    try {
      const valid = detailed(data);
      validate.errors = detailed.errors;
      return valid;
    } catch (error) {
      if (!(error instanceof ValidationStopped)) throw error;
      if (verdict !== null && verdict(data)) {
        validate.errors = null;
        return true;
      }
      validate.errors = Object.assign(error.errors, { truncated: true });
      return false;
    }
  };
  validate.errors = null;
  return validate;
}

/** The source text written at the top of validators.cjs. */
export function validatorPrelude(): string {
  return [
    `const MAX_VALIDATION_ERRORS = ${MAX_VALIDATION_ERRORS};`,
    canonicalJson.toString(),
    duplicateItems.toString(),
    ValidationStopped.toString(),
    boundedValidator.toString(),
  ].join("\n");
}
