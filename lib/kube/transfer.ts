// Handing parsed manifests from one thread to another. JSON text is the fastest carrier V8 has
// (JSON.parse of 6 MB beats structured clone by 2–3×), but it is faithful only for plain trees:
// not for NaN, ±Infinity or -0 (YAML's .nan, .inf, -0), nor for a node shared through a YAML
// alias (JSON would copy it each time it is reached: a few anchors can make that exponential).
// Anything else goes by structured clone, which keeps all of these.

export type Carried = { json: string } | { value: unknown };

/**
 * Whether JSON text carries `value` exactly, counting nodes as JSON would write them; a shared
 * node is fine while the total stays within `budget` nodes (kubectl output has no aliases; a
 * file written by a YAML library may share small maps such as a parentRef).
 */
export function jsonFaithful(value: unknown, budget: number): boolean {
  let left = budget;
  const path = new Set<object>();
  const walk = (v: unknown): boolean => {
    if (--left < 0) return false;
    if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
    if (typeof v !== "object" || v === null) return typeof v !== "undefined" && typeof v !== "bigint" && typeof v !== "function";
    if (path.has(v)) return false; // a cycle
    path.add(v);
    const items = Array.isArray(v) ? v : Object.values(v);
    for (const item of items) if (!walk(item)) return false;
    path.delete(v);
    return true;
  };
  return walk(value);
}

export function carry(value: unknown, budget: number): Carried {
  if (jsonFaithful(value, budget)) {
    try {
      return { json: JSON.stringify(value) };
    } catch {
      // longer than a string can be: structured clone has no such limit
    }
  }
  return { value };
}

export function unpack(c: Carried): unknown {
  return "json" in c ? JSON.parse(c.json) : c.value;
}
