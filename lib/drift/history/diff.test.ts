import { describe, expect, it } from "vitest";
import { diffSnapshots } from "./diff";
import type { HistorySnapshot, TrackedItem } from "./snapshot";

const host = (hostname: string, state: string, extra: Partial<TrackedItem> = {}): TrackedItem => ({
  hostname,
  state,
  facets: {},
  reasons: [],
  objects: [],
  ...extra,
});
const rec = (hostname: string, type: string, state: string, facets: Record<string, string>, id = "r1"): TrackedItem => ({
  hostname,
  type,
  state,
  facets: { content: "1.2.3.4", proxied: "true", ttl: "1", owner: "default", ...facets },
  reasons: [],
  objects: [],
  records: [{ zone: "example.com", id }],
});
const snap = (items: TrackedItem[], objects: HistorySnapshot["objects"] = {}, at = "2026-01-01T14:02:00Z"): HistorySnapshot => ({
  instance: "ns/edns",
  at,
  items: Object.fromEntries(items.map((i) => [i.type ? `${i.hostname}|${i.type}` : i.hostname, i])),
  objects,
});
const label = (k: string) => JSON.stringify(["metadata", "labels", k]);

describe("diffSnapshots", () => {
  const cases: {
    name: string;
    prev: HistorySnapshot | undefined;
    next: HistorySnapshot;
    want: { hostname: string; type?: string; from: string; to: string; codes: string[] }[];
  }[] = [
    {
      name: "nothing changed: no transition",
      prev: snap([host("a.example.com", "missing")]),
      next: snap([host("a.example.com", "missing")]),
      want: [],
    },
    {
      name: "missing → in sync",
      prev: snap([host("a.example.com", "missing")]),
      next: snap([host("a.example.com", "in-sync")]),
      want: [{ hostname: "a.example.com", from: "missing", to: "in-sync", codes: [] }],
    },
    {
      name: "drifted on proxied: record state and the Cloudflare change",
      prev: snap([rec("app.example.com", "A", "in-sync", {})]),
      next: snap([rec("app.example.com", "A", "drifted", { proxied: "false" })]),
      want: [{ hostname: "app.example.com", type: "A", from: "in-sync", to: "drifted", codes: ["record-changed"] }],
    },
    {
      name: "owner changed, state the same: the facet is named",
      prev: snap([rec("shop.example.com", "CNAME", "other-owner", { owner: "a" })]),
      next: snap([rec("shop.example.com", "CNAME", "other-owner", { owner: "b" })]),
      want: [{ hostname: "shop.example.com", type: "CNAME", from: "other-owner (owner: a)", to: "other-owner (owner: b)", codes: [] }],
    },
    {
      name: "DoH verdict changed",
      prev: snap([host("a.example.com", "in-sync", { facets: { doh: "matches" } })]),
      next: snap([host("a.example.com", "in-sync", { facets: { doh: "stale" } })]),
      want: [{ hostname: "a.example.com", from: "in-sync (doh: matches)", to: "in-sync (doh: stale)", codes: [] }],
    },
    {
      name: "a first DoH answer is an observation, not a transition",
      prev: snap([host("a.example.com", "in-sync")]),
      next: snap([host("a.example.com", "in-sync", { facets: { doh: "matches" } })]),
      want: [],
    },
    {
      name: "first refresh ever: unhealthy items are recorded from unknown, healthy ones are not",
      prev: undefined,
      next: snap([host("a.example.com", "missing"), host("b.example.com", "in-sync"), rec("c.example.com", "A", "drifted", {})]),
      want: [
        { hostname: "a.example.com", from: "unknown", to: "missing", codes: [] },
        { hostname: "c.example.com", type: "A", from: "unknown", to: "drifted", codes: ["record-seen"] },
      ],
    },
    {
      name: "a record created by hand appears",
      prev: snap([]),
      next: snap([rec("blog.example.com", "A", "unowned", { owner: "" })]),
      want: [{ hostname: "blog.example.com", type: "A", from: "absent", to: "unowned", codes: ["record-created"] }],
    },
    {
      name: "a wanted record deleted at Cloudflare: missing again, the deletion is the cause",
      prev: snap([rec("web.example.com", "CNAME", "in-sync", {})]),
      next: snap([{ ...rec("web.example.com", "CNAME", "missing", { content: "", proxied: "", ttl: "", owner: "" }), records: [] }]),
      want: [{ hostname: "web.example.com", type: "CNAME", from: "in-sync", to: "missing", codes: ["record-deleted"] }],
    },
    {
      name: "a record deleted",
      prev: snap([rec("old.example.com", "A", "orphaned", {})]),
      next: snap([]),
      want: [{ hostname: "old.example.com", type: "A", from: "orphaned", to: "gone", codes: ["record-deleted"] }],
    },
    {
      name: "label on the parent Gateway: the object field is the cause, the resolved reason too",
      prev: snap(
        [host("grafana.example.com", "not-published", { objects: ["gateway/networking/internal", "httproute/obs/grafana"], reasons: [{ code: "gateway-label-filter", resource: "httproute/obs/grafana", message: "parent does not match" }] })],
        { "gateway/networking/internal": {}, "httproute/obs/grafana": { [JSON.stringify(["spec", "hostnames"])]: '["grafana.example.com"]' } },
      ),
      next: snap(
        [host("grafana.example.com", "missing", { objects: ["gateway/networking/internal", "httproute/obs/grafana"] })],
        { "gateway/networking/internal": { [label("enabled")]: '"true"' }, "httproute/obs/grafana": { [JSON.stringify(["spec", "hostnames"])]: '["grafana.example.com"]' } },
      ),
      want: [{ hostname: "grafana.example.com", from: "not-published", to: "missing", codes: ["object-changed", "gateway-label-filter"] }],
    },
  ];

  it.each(cases)("$name", ({ prev, next, want }) => {
    const got = diffSnapshots(prev, next).map((t) => ({
      hostname: t.hostname,
      ...(t.type ? { type: t.type } : {}),
      from: t.from,
      to: t.to,
      codes: t.causes.map((c) => c.code),
    }));
    expect(got).toEqual(want);
  });

  it("names the object and the field, and says what the value became", () => {
    const prev = snap([host("g.example.com", "not-published", { objects: ["gateway/networking/internal"] })], { "gateway/networking/internal": {} });
    const next = snap([host("g.example.com", "missing", { objects: ["gateway/networking/internal"] })], { "gateway/networking/internal": { [label("enabled")]: '"true"' } });
    const [t] = diffSnapshots(prev, next);
    expect(t.causes[0]).toEqual({
      code: "object-changed",
      resource: "gateway/networking/internal",
      field: ["metadata", "labels", "enabled"],
      message: 'label enabled set to "true" on gateway/networking/internal',
    });
    expect(t.at).toBe(next.at);
  });

  it("says what changed at Cloudflare and keeps the record ids for attribution", () => {
    const [t] = diffSnapshots(snap([rec("app.example.com", "A", "in-sync", {})]), snap([rec("app.example.com", "A", "drifted", { proxied: "false" })]));
    expect(t.causes[0]).toMatchObject({ message: "A app.example.com changed at Cloudflare: proxied true → false", records: [{ zone: "example.com", id: "r1" }] });
  });
});
