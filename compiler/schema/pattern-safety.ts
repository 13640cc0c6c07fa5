import { createRequire } from "node:module";
import type { Diagnostics, checkSync as CheckSync } from "recheck";
import { isProvablyLinear } from "./linear-pattern.js";

/**
 * Whether a regular expression can backtrack catastrophically (ReDoS): the
 * emitted server matches `pattern` with Ajv, that is with V8's backtracking
 * engine and the `u` flag, on every argument a client sends, so one pattern
 * that needs exponential or polynomial time on a crafted string stalls the
 * whole server. `recheck` decides it (automata theory where the pattern
 * allows, fuzzing otherwise); it is a compiler-only package, loaded on the
 * first pattern so that sources without one pay nothing.
 */
export type PatternVerdict =
  | { status: "safe" }
  | {
      status: "vulnerable";
      /** "exponential", "2nd degree polynomial", … as recheck summarises it. */
      complexity: string;
      /** The parts of the pattern where the matcher spends its time. */
      hotspots: string[];
      /** A string that shows it, as a JavaScript expression ('a'.repeat(31) + '\x00'). */
      attack: string;
    }
  | { status: "unknown"; reason: string };

/** The flags Ajv compiles `pattern` with (`unicodeRegExp: true`, its default and ours). */
export const AJV_PATTERN_FLAGS = "u";

/**
 * Time one pattern may take to analyse (recheck's own default). Real patterns
 * take 5–300 ms, up to a second on a loaded machine; past this the pattern is
 * reported as not checked rather than holding up the build.
 */
export const ANALYSIS_TIME_LIMIT_MS = 10_000;

/**
 * recheck's fuzzer also stops a match by the clock (attack 1 s, incubation
 * 0.25 s, seeding 0.1 s) and counts a stopped match as slow: on a loaded
 * machine it called ajv-formats' linear `duration` and `uri-reference`
 * patterns vulnerable. Without those clocks only the count of characters
 * read decides, so a build gives the same verdict on any machine; the
 * overall time limit still bounds the analysis.
 */
const DETERMINISTIC_LIMITS = { timeout: ANALYSIS_TIME_LIMIT_MS, attackTimeout: null, incubationTimeout: null, seedingTimeout: null };

// Analysing is pure, so one process (a `mcpc dev` session) never analyses a pattern twice.
const verdicts = new Map<string, PatternVerdict>();

export function patternVerdict(source: string, flags = AJV_PATTERN_FLAGS): PatternVerdict {
  const key = `/${source}/${flags}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = analyse(source, flags);
    verdicts.set(key, verdict);
  }
  return verdict;
}

let checker: typeof CheckSync | null | undefined;

function loadChecker(): typeof CheckSync | null {
  if (checker !== undefined) return checker;
  try {
    checker = (createRequire(import.meta.url)("recheck") as { checkSync: typeof CheckSync }).checkSync;
  } catch {
    checker = null;
  }
  return checker;
}

function analyse(source: string, flags: string): PatternVerdict {
  // Most patterns are simple enough to prove safe by reading them; starting the analyser costs about 0.5 s.
  if (isProvablyLinear(source, flags)) return { status: "safe" };
  const checkSync = loadChecker();
  if (checkSync === null) return { status: "unknown", reason: "the ReDoS analyser 'recheck' is not installed (mcpc installed without its optional dependencies?)" };
  let result: Diagnostics;
  // checkSync waits on a worker thread that runs recheck's native build (the
  // package recheck-linux-x64 and its siblings, installed with it) and falls
  // back to Java or to its JavaScript build. Native answers most patterns in
  // 1–20 ms after a start of about 0.5 s; the JavaScript build took 5–250 ms
  // a pattern, and 0.7–4 s for counted repetitions (`{1,255}`), which recheck
  // must fuzz. The time limit bounds every backend.
  try {
    result = checkSync(source, flags, DETERMINISTIC_LIMITS);
  } catch (error) {
    // Seen with the JavaScript build: a stack overflow on large nested counted repetitions.
    return { status: "unknown", reason: `the ReDoS analyser failed (${error instanceof Error ? error.message : String(error)})` };
  }
  switch (result.status) {
    case "safe":
      return { status: "safe" };
    case "vulnerable":
      return {
        status: "vulnerable",
        complexity: result.complexity.type === "exponential" ? "exponential" : result.complexity.summary.replace(/ \(fuzz\)$/, ""),
        hotspots: [...new Set(result.hotspot.filter((h) => h.temperature === "heat").map((h) => source.slice(h.start, h.end)))],
        attack: result.attack.pattern,
      };
    case "unknown":
      return { status: "unknown", reason: unknownReason(result.error) };
  }
}

function unknownReason(error: Extract<Diagnostics, { status: "unknown" }>["error"]): string {
  switch (error.kind) {
    case "timeout":
      return `the ReDoS analyser found no answer within ${ANALYSIS_TIME_LIMIT_MS / 1000} s`;
    case "cancel":
      return "the ReDoS analysis was cancelled";
    default:
      return `the ReDoS analyser cannot read it (${error.kind}: ${error.message})`;
  }
}
