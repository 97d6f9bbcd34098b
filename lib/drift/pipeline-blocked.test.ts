// A source whose Endpoints() fails (here: --fqdn-template failing on a route) makes external-dns's
// RunOnce return before planning, so nothing at all is created, updated or deleted.

import { describe, expect, it } from "vitest";
import { config, gateway, route } from "../externaldns/sources/gateway.testkit";
import type { ClusterObjects, CloudflareZone } from "../externaldns/types";
import { runPipeline } from "./pipeline";

const gw = gateway("infra", "gw", { addresses: ["10.0.0.1"], listeners: [{ name: "web", protocol: "HTTP", port: 80, from: "All" }] });
const objects = (routes: ClusterObjects["routes"]): ClusterObjects => ({ gateways: [gw], routes, listenerSets: [], ingresses: [], dnsEndpoints: [], namespaces: [] });
const parents = [{ name: "gw", namespace: "infra" }];
// An owned record no source asks for: a normal run deletes it.
const zone: CloudflareZone = {
  id: "z1",
  name: "example.com",
  records: [
    { id: "r1", type: "A", name: "old.example.com", content: "10.0.0.9", ttl: 1, proxied: false },
    { id: "r2", type: "TXT", name: "a-old.example.com", content: '"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/apps/old"', ttl: 1 },
  ],
};

describe("a failing --fqdn-template empties the plan", () => {
  const cfg = config({ sources: ["gateway-httproute"], fqdnTemplate: "{{ toLower .Labels.team }}.example.com", domainFilters: ["example.com"] });
  it("plans the delete when the template works", () => {
    const ok = runPipeline({ config: cfg, objects: objects([route("apps", "r", { parents, labels: { team: "Web" } })]), zones: [zone] });
    expect(ok.stopped).toBeUndefined();
    expect(ok.recordChanges.some((c) => c.action === "delete" && c.name === "old.example.com")).toBe(true);
    expect(ok.recordChanges.some((c) => c.action === "create" && c.name === "web.example.com")).toBe(true);
  });
  it("plans nothing, and says why, when it fails on one route", () => {
    const routes = [route("apps", "r", { parents, labels: { team: "Web" } }), route("apps", "broken", { parents })];
    const res = runPipeline({ config: cfg, objects: objects(routes), zones: [zone] });
    expect(res.stopped).toContain("failed to apply template on HTTPRoute apps/broken");
    expect(res.recordChanges).toEqual([]);
    expect(res.reasons).toContainEqual(expect.objectContaining({ code: "source-error", severity: "error" }));
    expect(res.reasons).toContainEqual(expect.objectContaining({ code: "fqdn-template-error", resource: "httproute/apps/broken" }));
  });
});
