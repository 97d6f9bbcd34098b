// Zone objects as GET /zones and GET /zones/{id} return them, and the zone list filters
// (BEHAVIOUR.md §2). The `name` operators are written `operator:value` (syntax not documented by Cloudflare).

import { stableId } from "./names";
import type { StoredZone } from "./types";

const PLAN_NAMES = { free: "Free Website", pro: "Pro Website", business: "Business Website", enterprise: "Enterprise Website" };
const NS_NAMES = ["ada", "bob", "cody", "dina", "elle", "fred", "gina", "hank"];

export function zoneView(z: StoredZone, permissions: string[]): Record<string, unknown> {
  const ns = Number.parseInt(z.id.replace(/[^0-9a-f]/g, "").slice(0, 4) || "0", 16) % NS_NAMES.length;
  return {
    id: z.id,
    name: z.name,
    status: z.status,
    paused: false,
    type: z.type,
    development_mode: 0,
    name_servers: [`${NS_NAMES[ns]}.ns.cloudflare.com`, `${NS_NAMES[(ns + 1) % NS_NAMES.length]}.ns.cloudflare.com`],
    original_name_servers: null,
    original_registrar: null,
    original_dnshost: null,
    vanity_name_servers: [],
    created_on: z.created_on,
    modified_on: z.created_on,
    activated_on: z.status === "active" ? z.created_on : null,
    meta: { step: 2, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
    owner: { id: stableId("owner", z.account.id), type: "user", name: "emulator@example.com" },
    account: { ...z.account },
    permissions,
    plan: {
      id: stableId("plan", z.plan),
      name: PLAN_NAMES[z.plan],
      price: 0,
      currency: "USD",
      frequency: "",
      is_subscribed: false,
      can_subscribe: false,
      legacy_id: z.plan,
      legacy_discount: false,
      externally_managed: false,
    },
  };
}

const NAME_OPS: Record<string, (v: string, w: string) => boolean> = {
  equal: (v, w) => v.toLowerCase() === w.toLowerCase(),
  not_equal: (v, w) => v.toLowerCase() !== w.toLowerCase(),
  starts_with: (v, w) => v.toLowerCase().startsWith(w.toLowerCase()),
  ends_with: (v, w) => v.toLowerCase().endsWith(w.toLowerCase()),
  contains: (v, w) => v.toLowerCase().includes(w.toLowerCase()),
  starts_with_case_sensitive: (v, w) => v.startsWith(w),
  ends_with_case_sensitive: (v, w) => v.endsWith(w),
  contains_case_sensitive: (v, w) => v.includes(w),
};

function nameMatcher(raw: string): (value: string) => boolean {
  const i = raw.indexOf(":");
  const op = i > 0 ? NAME_OPS[raw.slice(0, i)] : undefined;
  return op ? (v) => op(v, raw.slice(i + 1)) : (v) => NAME_OPS.equal(v, raw);
}

type Pred = (z: StoredZone) => boolean;

export function filterZones(zones: StoredZone[], q: URLSearchParams): StoredZone[] {
  const preds: Pred[] = [];
  const name = q.get("name");
  if (name !== null) preds.push((z) => nameMatcher(name)(z.name));
  const status = q.get("status");
  if (status !== null) preds.push((z) => z.status === status);
  const accountId = q.get("account.id");
  if (accountId !== null) preds.push((z) => z.account.id === accountId);
  const accountName = q.get("account.name");
  if (accountName !== null) preds.push((z) => nameMatcher(accountName)(z.account.name));

  // The API takes a comma list; the SDK repeats the key. Without it, internal zones are hidden.
  const types = q.getAll("type").flatMap((t) => t.split(",")).filter(Boolean);
  const typeOk: Pred = types.length ? (z) => types.includes(z.type) : (z) => z.type !== "internal";
  const match: Pred | undefined =
    preds.length === 0 ? undefined : q.get("match") === "any" ? (z) => preds.some((p) => p(z)) : (z) => preds.every((p) => p(z));
  return zones.filter((z) => typeOk(z) && (!match || match(z)));
}

const ORDER_KEYS: Record<string, (z: StoredZone) => string> = {
  name: (z) => z.name,
  status: (z) => z.status,
  "account.id": (z) => z.account.id,
  "account.name": (z) => z.account.name,
  "plan.id": (z) => stableId("plan", z.plan),
};

export function orderZones(zones: StoredZone[], q: URLSearchParams): StoredZone[] {
  const keyOf = ORDER_KEYS[q.get("order") ?? ""] ?? ORDER_KEYS.name;
  const sign = q.get("direction") === "desc" ? -1 : 1;
  return [...zones].sort((a, b) => sign * keyOf(a).localeCompare(keyOf(b)) || a.name.localeCompare(b.name));
}
