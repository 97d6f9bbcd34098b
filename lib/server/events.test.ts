import { describe, expect, it } from "vitest";
import type { AuditActor } from "../api/types";
import { testConfig } from "../externaldns/config.testkit";
import type { ClusterObjects, RecordChange } from "../externaldns/types";
import type { ChangeAnswer } from "./audit/store";
import { MAX_MESSAGE, actorLabel, changeLine, eventBody, plannedEvents, resourcesOf, type ApplyEventsInput } from "./events";

const ALICE: AuditActor = { name: "alice", email: "alice@example.com", groups: [], role: "approver", via: "proxy" };
const objects: ClusterObjects = {
  gateways: [],
  routes: [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "web", namespace: "default", uid: "uid-web" } }],
  listenerSets: [],
  ingresses: [],
  dnsEndpoints: [],
  namespaces: [],
};
const DEPLOYMENT = { apiVersion: "apps/v1", kind: "Deployment", namespace: "networking", name: "external-dns", uid: "uid-dep" };
const cname: RecordChange = { action: "create", zone: "example.com", name: "web.example.com", type: "CNAME", content: "lb.example.net", resource: "httproute/default/web" };
const txt: RecordChange = { action: "create", zone: "example.com", name: "k8s.cname-web.example.com", type: "TXT", content: '"heritage=external-dns"', ownershipOf: "web.example.com" };
const orphan: RecordChange = { action: "delete", zone: "example.com", name: "old.example.com", type: "A", content: "192.0.2.9", resource: "httproute/default/old" };
const applied: ChangeAnswer = { status: "applied", message: "created" };

const input = (items: ApplyEventsInput["items"], over: Partial<ApplyEventsInput> = {}): ApplyEventsInput => ({
  auditId: 7,
  actor: ALICE,
  planHash: "0123456789abcdef0123",
  instance: { id: "networking/external-dns", origin: "deployment" },
  objects,
  config: testConfig(),
  items,
  ...over,
});

describe("changeLine", () => {
  const update = (previous: RecordChange["previous"], over: Partial<RecordChange> = {}): RecordChange => ({ action: "update", zone: "z", name: "a.z", type: "A", content: "192.0.2.2", proxied: true, ttl: 1, previous, ...over });
  it.each<[string, RecordChange, ChangeAnswer | undefined, string | undefined, string]>([
    ["applied create", cname, { status: "applied", message: "created CNAME (record r1)" }, undefined, 'create CNAME web.example.com "lb.example.net": applied (created CNAME (record r1))'],
    ["content update", update({ content: "192.0.2.1", proxied: true, ttl: 1 }), applied, undefined, 'update A a.z "192.0.2.2" (was "192.0.2.1"): applied (created)'],
    ["proxied and ttl update", update({ content: "192.0.2.2", proxied: false, ttl: 300 }), applied, undefined, 'update A a.z "192.0.2.2" (proxied false → true, ttl 300 → 1): applied (created)'],
    [
      "failed with Cloudflare codes",
      orphan,
      { status: "failed", message: "refused", cloudflareErrors: [{ code: 81044, message: "x" }, { code: 1000, message: "y" }] },
      undefined,
      'delete A old.example.com "192.0.2.9": failed (refused) [Cloudflare 81044, 1000]',
    ],
    ["no answer, apply stopped", cname, undefined, "token missing", 'create CNAME web.example.com "lb.example.net": unknown, the apply stopped: token missing'],
  ])("%s", (_, change, answer, error, line) => expect(changeLine(change, answer, error)).toBe(line));
});

it.each([
  [ALICE, "alice <alice@example.com>"],
  [{ ...ALICE, email: undefined }, "alice"],
  [{ ...ALICE, name: "alice@example.com" }, "alice@example.com"],
])("actorLabel %#", (actor, label) => expect(actorLabel(actor)).toBe(label));

describe("resourcesOf", () => {
  it("gives an ownership TXT its record's resource, else the one its content names", () => {
    const lonelyTxt: RecordChange = { ...txt, name: "k8s.a-gone.example.com", ownershipOf: "gone.example.com", content: '"heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/web/shop"' };
    const bare: RecordChange = { ...cname, resource: undefined };
    expect(resourcesOf([txt, cname, lonelyTxt, bare])).toEqual(["httproute/default/web", "httproute/default/web", "ingress/web/shop", undefined]);
  });
});

describe("plannedEvents", () => {
  it("puts one Event per object and outcome, the deletes of a vanished object on the Deployment", () => {
    const { events, unplaced } = plannedEvents(
      input([
        { change: cname, answer: applied },
        { change: txt, answer: { status: "failed", message: "refused" } },
        { change: orphan, answer: applied },
      ]),
      DEPLOYMENT,
    );
    expect(unplaced).toBe(0);
    expect(events.map((e) => [e.involved.kind, e.involved.name, e.reason, e.type])).toEqual([
      ["HTTPRoute", "web", "DNSApplied", "Normal"],
      ["HTTPRoute", "web", "DNSApplyFailed", "Warning"],
      ["Deployment", "external-dns", "DNSApplied", "Normal"],
    ]);
    expect(events[0].message).toBe('alice <alice@example.com> approved plan 0123456789ab of networking/external-dns, audit #7: create CNAME web.example.com "lb.example.net": applied (created)');
    expect(events[1].message).toContain("create TXT k8s.cname-web.example.com");
    expect(events[0].involved.uid).toBe("uid-web");
  });

  it("counts changes with no object and no Deployment as unplaced", () => {
    const { events, unplaced } = plannedEvents(input([{ change: orphan, answer: applied }], { instance: { id: "external-dns", origin: "config-file" } }));
    expect(events).toEqual([]);
    expect(unplaced).toBe(1);
  });

  it("keeps a long message within the limit and says how many changes it left out", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ change: { ...cname, name: `host-${i}.example.com` }, answer: applied }));
    const [event] = plannedEvents(input(many), DEPLOYMENT).events;
    expect(event.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(event.message).toMatch(/; … \d+ more, see audit #7$/);
    expect(event.message).toContain("host-0.example.com");
  });
});

describe("eventBody", () => {
  it("is a core/v1 Event in the object's namespace, named after it", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const body = eventBody({ involved: { ...DEPLOYMENT }, reason: "DNSApplied", type: "Normal", message: "m" }, now, "pod-1-abc");
    expect(body).toMatchObject({
      metadata: { namespace: "networking" },
      involvedObject: { apiVersion: "apps/v1", kind: "Deployment", namespace: "networking", name: "external-dns", uid: "uid-dep" },
      reason: "DNSApplied",
      type: "Normal",
      message: "m",
      source: { component: "dnsdrift" },
      reportingComponent: "dnsdrift",
      reportingInstance: "pod-1-abc",
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
    expect(body.metadata!.name).toMatch(/^external-dns\.[0-9a-f]+$/);
    expect(eventBody({ involved: { ...DEPLOYMENT }, reason: "DNSApplied", type: "Normal", message: "m" }, now, "p").metadata!.name).not.toBe(body.metadata!.name);
  });
});
