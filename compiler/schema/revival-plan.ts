import type { RevivalPlan, Revival } from "../../runtime/revive.js";
import { REVIVE, type JsonSchema } from "./json-schema.js";

/**
 * Reads, from a finished root schema, where Dates and URLs sit, so the
 * runtime can turn their strings back into objects. Undefined when there are
 * none (the common case: the tool's call then costs nothing extra).
 */
export function revivalPlanOf(root: JsonSchema): Revival | undefined {
  const defs = (root.$defs ?? {}) as Record<string, JsonSchema>;
  const reader = new PlanReader(defs);
  const plan = reader.plan(root);
  if (plan === undefined) return undefined;
  const defPlans: Record<string, RevivalPlan> = {};
  for (const name of reader.referenced) defPlans[name] = reader.plan(defs[name]!)!;
  return Object.keys(defPlans).length > 0 ? { plan, defs: defPlans } : { plan };
}

/** Whether a schema node (or anything in it) stands for a Date or URL; refs are not followed. */
export function holdsRevival(schema: JsonSchema): boolean {
  if (schema[REVIVE] !== undefined) return true;
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) {
      if (value.some((v) => isSchema(v) && holdsRevival(v))) return true;
    } else if (isSchema(value) && holdsRevival(value)) return true;
  }
  return false;
}

/** The JSON type a union branch is told apart by. */
export function jsonTypeOf(schema: JsonSchema): string | undefined {
  if (typeof schema.$ref === "string") return "object";
  return schema.type;
}

/** The property whose literal value names each object branch, if there is one. */
export function discriminatorOf(branches: readonly JsonSchema[]): string | undefined {
  const first = branches[0]?.properties as Record<string, JsonSchema> | undefined;
  if (first === undefined) return undefined;
  for (const name of Object.keys(first)) {
    const values = branches.map((b) => (b.properties as Record<string, JsonSchema> | undefined)?.[name]);
    if (!values.every((v) => v !== undefined && "const" in v)) continue;
    if (!branches.every((b) => ((b.required as string[] | undefined) ?? []).includes(name))) continue;
    const keys = new Set(values.map((v) => String(v!.const)));
    if (keys.size === branches.length) return name;
  }
  return undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

class PlanReader {
  readonly referenced = new Set<string>();
  private readonly holding = new Map<string, boolean>();

  constructor(private readonly defs: Record<string, JsonSchema>) {}

  plan(schema: JsonSchema): RevivalPlan | undefined {
    const kind = schema[REVIVE];
    if (kind !== undefined) return kind;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.slice("#/$defs/".length);
      if (!this.defHolds(name, new Set())) return undefined;
      this.referenced.add(name);
      return { ref: name };
    }
    if (Array.isArray(schema.anyOf)) return this.unionPlan(schema.anyOf as JsonSchema[]);
    if (schema.type === "object") return this.objectPlan(schema);
    if (schema.type === "array") return this.arrayPlan(schema);
    return undefined;
  }

  /** Whether a def holds a Date or URL, through other defs too (cycles are fine). */
  private defHolds(name: string, visiting: Set<string>): boolean {
    const known = this.holding.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return false;
    visiting.add(name);
    const def = this.defs[name];
    const holds = def !== undefined && (holdsRevival(def) || refsIn(def).some((r) => this.defHolds(r, visiting)));
    if (visiting.size === 1) this.holding.set(name, holds);
    visiting.delete(name);
    return holds;
  }

  private objectPlan(schema: JsonSchema): RevivalPlan | undefined {
    const properties: Record<string, RevivalPlan | 0> = {};
    let any = false;
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      const inner = this.plan(property);
      properties[name] = inner ?? 0;
      if (inner !== undefined) any = true;
    }
    const additional = isSchema(schema.additionalProperties) ? this.plan(schema.additionalProperties) : undefined;
    if (!any && additional === undefined) return undefined;
    if (additional === undefined) {
      for (const name of Object.keys(properties)) if (properties[name] === 0) delete properties[name];
      return { properties };
    }
    return Object.keys(properties).length > 0 ? { properties, additional } : { additional };
  }

  private arrayPlan(schema: JsonSchema): RevivalPlan | undefined {
    const prefix = ((schema.prefixItems ?? []) as JsonSchema[]).map((p) => this.plan(p) ?? (0 as const));
    const items = isSchema(schema.items) ? this.plan(schema.items) : undefined;
    const hasPrefix = prefix.some((p) => p !== 0);
    if (!hasPrefix && items === undefined) return undefined;
    const plan: { prefix?: Array<RevivalPlan | 0>; items?: RevivalPlan } = {};
    if (hasPrefix || (items !== undefined && prefix.length > 0)) plan.prefix = prefix;
    if (items !== undefined) plan.items = items;
    return plan;
  }

  /** The union visitor refused the unions whose branches cannot be told apart; this reads the rest. */
  private unionPlan(branches: JsonSchema[]): RevivalPlan | undefined {
    const byType: Record<string, RevivalPlan> = {};
    const objects = branches.filter((b) => jsonTypeOf(b) === "object");
    for (const branch of branches) {
      const type = jsonTypeOf(branch);
      const inner = this.plan(branch);
      if (inner === undefined || type === undefined) continue;
      if (type === "object" && objects.length > 1) continue;
      byType[type] = inner;
    }
    if (objects.length > 1) {
      const discriminator = discriminatorOf(objects.map((o) => this.resolve(o)));
      const cases: Record<string, RevivalPlan> = {};
      if (discriminator !== undefined) {
        for (const object of objects) {
          const inner = this.plan(object);
          const value = ((this.resolve(object).properties as Record<string, JsonSchema>)[discriminator]!).const;
          if (inner !== undefined) cases[String(value)] = inner;
        }
      }
      if (Object.keys(cases).length > 0) byType.object = { discriminator: discriminator!, cases };
    }
    return Object.keys(byType).length > 0 ? { byType } : undefined;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    return typeof schema.$ref === "string" ? (this.defs[schema.$ref.slice("#/$defs/".length)] ?? schema) : schema;
  }
}

function refsIn(schema: JsonSchema): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isSchema(value)) {
      if (typeof value.$ref === "string") out.push(value.$ref.slice("#/$defs/".length));
      Object.values(value).forEach(walk);
    }
  };
  walk(schema);
  return out;
}
