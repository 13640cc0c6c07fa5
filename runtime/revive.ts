// Turns the strings that stand for Dates and URLs back into objects before a
// tool's function is called. The compiler writes a plan per tool (only for
// tools whose parameters hold a Date or URL), so other tools pay nothing.
// The arguments were just parsed from JSON and validated: they are ours to
// change in place.

/** Where Dates and URLs sit in a value. Written by the compiler as JSON. */
export type RevivalPlan =
  | "date"
  | "url"
  /** An object; with `additional`, declared properties without Dates are listed as 0 so it does not apply to them. */
  | { properties?: Record<string, RevivalPlan | 0>; additional?: RevivalPlan }
  | { prefix?: Array<RevivalPlan | 0>; items?: RevivalPlan }
  /** A union told apart by the JSON type of the value. */
  | { byType: { string?: RevivalPlan; object?: RevivalPlan; array?: RevivalPlan } }
  /** A union of objects told apart by a literal property. */
  | { discriminator: string; cases: Record<string, RevivalPlan> }
  /** A recursive type: the plan is in the defs. */
  | { ref: string };

export interface Revival {
  plan: RevivalPlan;
  defs?: Record<string, RevivalPlan>;
}

/** The arguments object with its Dates and URLs revived (the same object, changed in place). */
export function reviveArguments<T>(args: T, revival: Revival): T {
  return revive(args, revival.plan, revival.defs) as T;
}

function revive(value: unknown, plan: RevivalPlan, defs: Record<string, RevivalPlan> | undefined): unknown {
  if (plan === "date") return typeof value === "string" ? new Date(value) : value;
  if (plan === "url") return typeof value === "string" ? new URL(value) : value;
  if (value === null || typeof value !== "object") {
    if ("byType" in plan && typeof value === "string" && plan.byType.string !== undefined) return revive(value, plan.byType.string, defs);
    return value;
  }
  if ("ref" in plan) return revive(value, defs![plan.ref]!, defs);
  if ("byType" in plan) {
    const branch = Array.isArray(value) ? plan.byType.array : plan.byType.object;
    return branch === undefined ? value : revive(value, branch, defs);
  }
  if ("discriminator" in plan) {
    const branch = plan.cases[String((value as Record<string, unknown>)[plan.discriminator])];
    return branch === undefined ? value : revive(value, branch, defs);
  }
  if (Array.isArray(value)) {
    const { prefix, items } = plan as { prefix?: Array<RevivalPlan | 0>; items?: RevivalPlan };
    const start = prefix?.length ?? 0;
    if (prefix !== undefined) {
      for (let i = 0; i < prefix.length && i < value.length; i++) if (prefix[i] !== 0) value[i] = revive(value[i], prefix[i] as RevivalPlan, defs);
    }
    if (items !== undefined) for (let i = start; i < value.length; i++) value[i] = revive(value[i], items, defs);
    return value;
  }
  const { properties, additional } = plan as { properties?: Record<string, RevivalPlan | 0>; additional?: RevivalPlan };
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const inner = properties !== undefined && Object.hasOwn(properties, key) ? properties[key] : additional;
    if (inner !== undefined && inner !== 0) object[key] = revive(object[key], inner, defs);
  }
  return value;
}
