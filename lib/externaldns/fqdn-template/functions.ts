// The functions external-dns registers for its templates, per release: v0.20 (source/fqdn/
// fqdn.go) has contains, trimPrefix, trimSuffix, trim, toLower, replace, isIPv6, isIPv4; v0.21
// (source/template/functions.go) adds hasKey and fromJson; v0.22 adds isSource, bound to the
// source that runs the template. A function missing from a release is a parse error there.

import { atLeast } from "../annotations";
import { isFourPartIPv4, isIPv6Literal } from "../ip";
import type { Version } from "../types";
import { ArgTypeError, BUILTINS, ExecError, type TemplateFunc } from "./exec";
import { concrete, type GoValue, jsonValue, str, typeName } from "./values";

/** external-dns v0.22's source/types.All: the names isSource accepts. */
export const KNOWN_SOURCES = [
  "node", "service", "ingress", "pod",
  "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute",
  "istio-gateway", "istio-virtualservice",
  "ambassador-host", "contour-httpproxy", "gloo-proxy", "traefik-proxy", "openshift-route",
  "fake", "empty", "connector", "crd", "skipper-routegroup", "kong-tcpingress",
  "f5-virtualserver", "f5-transportserver", "unstructured",
];

/**
 * An argument for a Go `string` parameter, as validateType does it: a string, a *string, or an
 * interface holding a string. Named string types (v1.Hostname) are a different type and fail.
 */
function asString(v: GoValue): string {
  let x = v;
  if (!x.t) throw new ArgTypeError("invalid value; expected string");
  if (x.t.k === "iface") {
    if (x.v === null) throw new ArgTypeError("invalid value; expected string");
    x = concrete(x);
  }
  if (x.t!.k === "ptr" && x.t!.elem.k === "string" && !x.t!.elem.name) {
    if (x.v === null) throw new ArgTypeError("dereference of nil pointer of type *string");
    return String(x.v);
  }
  if (x.t!.k === "string" && !x.t!.name) return String(x.v);
  throw new ArgTypeError(`wrong type for value; expected string; got ${typeName(x.t)}`);
}

function strings(name: string, n: number, args: GoValue[]): string[] {
  if (args.length !== n) throw new ArgTypeError(`wrong number of args for ${name}: want ${n} got ${args.length}`);
  return args.map(asString);
}

const S = (x: string): GoValue => ({ t: str(), v: x });
const B = (x: boolean): GoValue => ({ t: { k: "bool" }, v: x });

/** Go's strings.TrimSpace: Unicode White_Space, which \s approximates closely. */
const trimSpace = (s: string) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/g, "");

const isV4 = (s: string) => isFourPartIPv4(s);
/** netip.ParseAddr(s).Is6(), which includes IPv4-mapped addresses. */
const isV6 = (s: string) => isIPv6Literal(s);

const COMMON: Record<string, TemplateFunc> = {
  contains: (a) => {
    const [s, sub] = strings("contains", 2, a);
    return B(s.includes(sub));
  },
  trimPrefix: (a) => {
    const [s, p] = strings("trimPrefix", 2, a);
    return S(p !== "" && s.startsWith(p) ? s.slice(p.length) : s);
  },
  trimSuffix: (a) => {
    const [s, x] = strings("trimSuffix", 2, a);
    return S(x !== "" && s.endsWith(x) ? s.slice(0, s.length - x.length) : s);
  },
  trim: (a) => S(trimSpace(strings("trim", 1, a)[0])),
  toLower: (a) => S(strings("toLower", 1, a)[0].toLowerCase()),
  replace: (a) => {
    const [oldV, newV, target] = strings("replace", 3, a);
    return S(replaceAll(target, oldV, newV));
  },
  isIPv6: (a) => B(isV6(strings("isIPv6", 1, a)[0])),
  isIPv4: (a) => B(isV4(strings("isIPv4", 1, a)[0])),
};

/** strings.ReplaceAll: an empty old string inserts `newV` around every UTF-8 sequence. */
function replaceAll(s: string, oldV: string, newV: string): string {
  if (oldV === "") return newV + Array.from(s).join(newV) + (s === "" ? "" : newV);
  return s.split(oldV).join(newV);
}

const V21: Record<string, TemplateFunc> = {
  hasKey: (a) => {
    if (a.length !== 2) throw new ArgTypeError(`wrong number of args for hasKey: want 2 got ${a.length}`);
    const m = concrete(a[0]);
    if (!m.t || m.t.k !== "map" || m.t.elem.k !== "string") {
      throw new ArgTypeError(`wrong type for value; expected map[string]string; got ${typeName(m.t)}`);
    }
    const key = asString(a[1]);
    return B(Object.prototype.hasOwnProperty.call(m.v ?? {}, key));
  },
  fromJson: (a) => {
    const [s] = strings("fromJson", 1, a);
    try {
      return jsonValue(JSON.parse(s));
    } catch {
      return { t: { k: "iface" }, v: null };
    }
  },
};

function isSource(active: string): TemplateFunc {
  return (a) => {
    const [want] = strings("isSource", 1, a);
    if (!KNOWN_SOURCES.some((k) => k.toLowerCase() === want.toLowerCase())) {
      throw new ExecError(`isSource: unknown source "${want}" (valid: ${KNOWN_SOURCES.join(", ")})`);
    }
    return B(active.toLowerCase() === want.toLowerCase());
  };
}

/** The functions a template may call at this version, bound to the source running it. */
export function templateFunctions(version: Version, source: string): Map<string, TemplateFunc> {
  const out = new Map<string, TemplateFunc>(Object.entries(COMMON));
  if (atLeast(version, 21)) for (const [k, fn] of Object.entries(V21)) out.set(k, fn);
  if (atLeast(version, 22)) out.set("isSource", isSource(source));
  return out;
}

/** Names the parser accepts: builtins plus this version's functions. */
export function functionNames(version: Version): Set<string> {
  const names = new Set([...Object.keys(BUILTINS), "and", "or", ...Object.keys(COMMON)]);
  if (atLeast(version, 21)) Object.keys(V21).forEach((k) => names.add(k));
  if (atLeast(version, 22)) names.add("isSource");
  return names;
}
