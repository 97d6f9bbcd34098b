// labelSelector / fieldSelector query parameters, parsed and matched the way the apiserver
// does for the forms clients actually send (equality and set-based requirements).

import { errors } from "./status";

export type LabelOp = "=" | "!=" | "in" | "notin" | "exists" | "!";

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

export interface FieldRequirement {
  path: string;
  op: "=" | "!=";
  value: string;
}

/** Splits on commas that are not inside `( … )`. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;
const SET_RE = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\((.*)\\)$`);
const EQ_RE = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const EXISTS_RE = new RegExp(`^(!?)\\s*(${KEY})$`);

export function parseLabelSelector(selector: string | undefined): LabelRequirement[] {
  if (!selector) return [];
  return splitTopLevel(selector).map((part) => {
    let m = SET_RE.exec(part);
    if (m) {
      const values = m[4].split(",").map((v) => v.trim()).filter((v) => v !== "");
      return { key: m[1], op: m[3] as LabelOp, values };
    }
    m = EQ_RE.exec(part);
    if (m) return { key: m[1], op: m[3] === "!=" ? "!=" : "=", values: [m[4]] };
    m = EXISTS_RE.exec(part);
    if (m) return { key: m[2], op: m[1] === "!" ? "!" : "exists", values: [] };
    throw errors.badRequest(`unable to parse requirement: found '${part}', expected: valid label selector`);
  });
}

export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
        return has && l[r.key] === r.values[0];
      case "!=":
        return !has || l[r.key] !== r.values[0];
      case "in":
        return has && r.values.includes(l[r.key]);
      case "notin":
        return !has || !r.values.includes(l[r.key]);
      case "exists":
        return has;
      case "!":
        return !has;
    }
  });
}

const BASE_FIELDS = ["metadata.name", "metadata.namespace"];

/** Fields other than `allowed` (plus name/namespace) are rejected, as the apiserver does. */
export function parseFieldSelector(selector: string | undefined, allowed: string[] = []): FieldRequirement[] {
  if (!selector) return [];
  return splitTopLevel(selector).map((part) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const path = m[1].trim();
    if (!BASE_FIELDS.includes(path) && !allowed.includes(path)) {
      throw errors.badRequest(`field label not supported: ${path}`);
    }
    return { path, op: m[2] === "!=" ? "!=" : "=", value: m[3].trim() };
  });
}

function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const seg of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return "";
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur === undefined || cur === null ? "" : typeof cur === "object" ? JSON.stringify(cur) : String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: unknown): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === "="));
}
