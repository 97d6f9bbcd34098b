// Go values as text/template sees them: a JSON value paired with the Go type it has in
// external-dns (a typed Kubernetes struct). The type decides what Go would do where JSON is
// silent: an absent field is its zero value (""/0/nil), an unknown field is an error, a named
// string type (v1.Hostname) is not a string to a function, maps print sorted, nil pointers
// print <nil>.

export type GoType =
  | { k: "string" | "int" | "float" | "bool"; name?: string }
  | { k: "map"; elem: GoType; name?: string }
  | { k: "slice"; elem: GoType; name?: string }
  | { k: "ptr"; elem: GoType }
  | { k: "iface" }
  /** fields undefined: nothing known; `rest`: fields beyond the listed ones are read from JSON. */
  | { k: "struct"; name: string; fields?: Field[]; rest?: boolean }
  /** A type dnsdrift does not model field by field (time.Time, IntOrString, …). */
  | { k: "opaque"; name: string };

export interface Field {
  go: string;
  /** JSON key; null when the struct is embedded inline (TypeMeta, RouteStatus). */
  json: string | null;
  type: GoType;
  embedded?: boolean;
}

/** A Go value; `t` undefined is the invalid reflect.Value (a missing map key: "<no value>"). */
export interface GoValue {
  t?: GoType;
  v: unknown;
}

export const INVALID: GoValue = { t: undefined, v: undefined };

/** The template reads something dnsdrift cannot reproduce exactly; the caller says so instead of guessing. */
export class UnsupportedError extends Error {}

export const str = (name?: string): GoType => ({ k: "string", name });
export const int = (name?: string): GoType => ({ k: "int", name });
export const bool: GoType = { k: "bool" };
export const iface: GoType = { k: "iface" };
export const mapOf = (elem: GoType): GoType => ({ k: "map", elem });
export const sliceOf = (elem: GoType): GoType => ({ k: "slice", elem });
export const ptr = (elem: GoType): GoType => ({ k: "ptr", elem });
export const opaque = (name: string): GoType => ({ k: "opaque", name });
export const struct = (name: string, fields?: Field[], rest = false): GoType => ({ k: "struct", name, fields, rest });
export const f = (go: string, json: string | null, type: GoType, embedded = false): Field => ({ go, json, type, embedded });

export function typeName(t: GoType | undefined): string {
  if (!t) return "<invalid>";
  switch (t.k) {
    case "string":
    case "int":
    case "float":
    case "bool":
      return t.name ?? (t.k === "int" ? "int" : t.k === "float" ? "float64" : t.k);
    case "map":
      return t.name ?? `map[string]${typeName(t.elem)}`;
    case "slice":
      return t.name ?? `[]${typeName(t.elem)}`;
    case "ptr":
      return `*${typeName(t.elem)}`;
    case "iface":
      return "interface {}";
    case "struct":
    case "opaque":
      return t.name;
  }
}

/** The dynamic Go type of a decoded JSON value (encoding/json into interface{}). */
export function jsonValue(v: unknown): GoValue {
  if (v === null || v === undefined) return { t: iface, v: null };
  if (typeof v === "string") return { t: str(), v };
  if (typeof v === "number") return { t: { k: "float" }, v };
  if (typeof v === "boolean") return { t: bool, v };
  if (Array.isArray(v)) return { t: sliceOf(iface), v };
  return { t: mapOf(iface), v };
}

/** Interfaces unwrap to their dynamic value (nil stays an interface nil). */
export function concrete(x: GoValue): GoValue {
  if (x.t?.k === "iface" && x.v !== null && x.v !== undefined) return jsonValue(x.v);
  return x;
}

/** Go's zero value for a field JSON left out. */
export function zeroOf(t: GoType): unknown {
  switch (t.k) {
    case "string":
      return "";
    case "int":
    case "float":
      return 0;
    case "bool":
      return false;
    case "struct":
      return {};
    default:
      return null;
  }
}

/** The value as stored under `t`, coercing what JSON gives (null for absent). */
export function typed(t: GoType, raw: unknown): GoValue {
  if (raw === undefined || raw === null) return { t, v: zeroOf(t) };
  return { t, v: raw };
}

export function findField(t: GoType & { k: "struct" }, name: string): { path: Field[] } | undefined {
  const fields = t.fields ?? [];
  const direct = fields.find((x) => x.go === name);
  if (direct) return { path: [direct] };
  for (const e of fields.filter((x) => x.embedded && x.type.k === "struct")) {
    const inner = findField(e.type as GoType & { k: "struct" }, name);
    if (inner) return { path: [e, ...inner.path] };
  }
  return undefined;
}

/** A field of an unmodelled struct, found by its JSON key (Go names differ from JSON only in case). */
function openField(obj: Record<string, unknown>, name: string): GoValue | undefined {
  if (!/^[A-Z]/.test(name)) return undefined;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  return inferred(obj[key]);
}

/** A typed view of JSON inside an unmodelled struct: objects are open structs, numbers ints. */
function inferred(v: unknown): GoValue {
  if (v === null || v === undefined) throw new UnsupportedError("a field that is null, of a type dnsdrift does not model");
  if (typeof v === "string") return { t: str(), v };
  if (typeof v === "number") return { t: Number.isInteger(v) ? int() : { k: "float" }, v };
  if (typeof v === "boolean") return { t: bool, v };
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null && x !== undefined);
    return { t: sliceOf(first === undefined ? iface : inferred(first).t!), v };
  }
  return { t: struct("(unmodelled)"), v };
}

/** receiver.Field, the way evalField does it, or an error string as Go words it. */
export function fieldOf(recv: GoValue, name: string): GoValue | { error: string } {
  let r = recv;
  if (!r.t) return INVALID; // a chain through a missing map key stays "<no value>"
  if (r.t.k === "iface") {
    if (r.v === null) return { error: `nil pointer evaluating interface {}.${name}` };
    r = concrete(r);
  }
  if (r.t!.k === "ptr") {
    if (r.v === null) return { error: `nil pointer evaluating ${typeName(r.t)}.${name}` };
    r = { t: (r.t as { elem: GoType }).elem, v: r.v };
  }
  const t = r.t!;
  if (t.k === "map") {
    const m = (r.v ?? {}) as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(m, name)) return INVALID;
    return t.elem.k === "iface" ? { t: iface, v: m[name] } : typed(t.elem, m[name]);
  }
  if (t.k === "struct") {
    const obj = (r.v ?? {}) as Record<string, unknown>;
    if (!t.fields) {
      const v = openField(obj, name);
      if (v) return v;
      throw new UnsupportedError(`the field ${name} of ${t.name} is absent and dnsdrift does not know its Go type`);
    }
    const found = findField(t as GoType & { k: "struct" }, name);
    if (!found && t.rest) {
      const v = openField(obj, name);
      if (v) return v;
      throw new UnsupportedError(`the field ${name} of ${t.name} is absent and dnsdrift does not know its Go type`);
    }
    if (!found) return { error: `can't evaluate field ${name} in type ${t.name}` };
    let cur: unknown = obj;
    for (const fd of found.path) {
      const container = (cur ?? {}) as Record<string, unknown>;
      cur = fd.json === null ? container : container[fd.json];
    }
    const last = found.path[found.path.length - 1];
    return typed(last.type, cur);
  }
  if (t.k === "opaque") throw new UnsupportedError(`the template reads ${name} of ${t.name}, which dnsdrift does not model`);
  return { error: `can't evaluate field ${name} in type ${typeName(t)}` };
}

/** fmt.Sprint of a value as text/template prints it (printableValue + %v). */
export function printValue(x: GoValue): string {
  if (!x.t) return "<no value>";
  if (x.t.k === "ptr") {
    if (x.v === null) return "<nil>";
    return formatV({ t: x.t.elem, v: x.v });
  }
  return formatV(x);
}

function formatV(x: GoValue): string {
  const t = x.t!;
  switch (t.k) {
    case "string":
      return String(x.v ?? "");
    case "int":
      return String(Math.trunc(Number(x.v ?? 0)));
    case "float":
      return formatFloat(Number(x.v ?? 0));
    case "bool":
      return String(Boolean(x.v));
    case "iface":
      return x.v === null || x.v === undefined ? "<nil>" : formatV(concrete(x));
    case "slice": {
      const items = (x.v ?? []) as unknown[];
      return `[${items.map((i) => formatV(elemValue(t.elem, i))).join(" ")}]`;
    }
    case "map": {
      const m = (x.v ?? {}) as Record<string, unknown>;
      const keys = Object.keys(m).sort();
      return `map[${keys.map((k) => `${k}:${formatV(elemValue(t.elem, m[k]))}`).join(" ")}]`;
    }
    case "ptr":
      // fmt prints nested pointers as addresses, which no hostname can use.
      throw new UnsupportedError(`printing a ${typeName(t)} inside another value gives a memory address`);
    case "struct":
      if (!t.fields) throw new UnsupportedError(`printing a whole ${t.name}, which dnsdrift does not model field by field`);
      return `{${t.fields.map((fd) => formatV(fieldValueOf(x, fd))).join(" ")}}`;
    case "opaque":
      throw new UnsupportedError(`printing a ${t.name}, which dnsdrift does not model`);
  }
}

function fieldValueOf(x: GoValue, fd: Field): GoValue {
  const obj = (x.v ?? {}) as Record<string, unknown>;
  return typed(fd.type, fd.json === null ? obj : obj[fd.json]);
}

export function elemValue(t: GoType, raw: unknown): GoValue {
  return t.k === "iface" ? { t, v: raw ?? null } : typed(t, raw);
}

/** %v of a float64 as Go prints it: shortest digits, exponent form below 1e-4 and from 1e6. */
function formatFloat(n: number): string {
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "+Inf" : "-Inf";
  const [mant, e] = n.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(n);
}

/** Go's truth (if/with/and/or/not): zero values and empty containers are false. */
export function isTrue(x: GoValue): boolean {
  if (!x.t) return false;
  const v = x.v;
  switch (x.t.k) {
    case "string":
      return v !== "" && v !== undefined && v !== null;
    case "int":
    case "float":
      return Number(v ?? 0) !== 0;
    case "bool":
      return Boolean(v);
    case "slice":
      return Array.isArray(v) && v.length > 0;
    case "map":
      return v !== null && v !== undefined && Object.keys(v as object).length > 0;
    case "ptr":
    case "iface":
      return v !== null && v !== undefined;
    default:
      return true;
  }
}
