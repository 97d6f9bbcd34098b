// Public-DNS verdicts through the API against the emulators and the demo's DoH endpoint: each
// external-dns instance gets verdicts judged against its own desired records, and the results a
// viewer can add through /api/lookup are bounded.

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { GET as lookup } from "../app/api/lookup/route";
import { GET as state } from "../app/api/state/route";
import type { StateResponse } from "../lib/api/types";
import type { Runtime } from "../lib/server/runtime";
import { call, request, startHarness, type Harness } from "./support/security-harness";

const root = path.resolve(__dirname, "..");
const MAX_RESULTS = 20;
let h: Harness;
let rt: Runtime;
/** A name both instances publish, proxied by one and DNS-only by the other. */
let candidate = "";

/** The demo's external-dns, again as a second Deployment that publishes DNS-only records. */
function dnsOnlyInstance(): object {
  const doc = parseAllDocuments(fs.readFileSync(path.join(root, "emulators/demo/external-dns.yaml"), "utf8"))[0].toJSON();
  doc.metadata.name = "external-dns-dns-only";
  const container = doc.spec.template.spec.containers[0];
  container.args = container.args.filter((a: string) => a !== "--cloudflare-proxied");
  return doc;
}

beforeAll(async () => {
  h = await startHarness({ read: "cf-read-token-doh-000000000000000000", write: "cf-edit-token-doh-000000000000000000", accessPolicy: () => false });
  process.env.DNSDRIFT_DOH = "on";
  process.env.DNSDRIFT_DOH_MAX_RESULTS = String(MAX_RESULTS);
  process.env.DNSDRIFT_REFRESH_SECONDS = "1";
  rt = h.configure({});
  h.kube.apply(dnsOnlyInstance());
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function stateWhere(ok: (s: StateResponse) => boolean, ms = 15_000): Promise<StateResponse> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = (await call<StateResponse>(h.transcript, state, request("/api/state"))).body;
    if (ok(s) || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("DoH verdicts per external-dns instance", () => {
  it("judges each instance's rows against that instance's desired records", async () => {
    const checked = (s: StateResponse) => s.instances.length === 2 && s.instances.every((i) => i.hostnames.some((n) => n.lookup));
    const s = await stateWhere(checked);
    expect(s.instances.map((i) => i.id).sort()).toEqual(["networking/external-dns", "networking/external-dns-dns-only"]);
    const proxied = s.instances.find((i) => i.id === "networking/external-dns")!;
    const dnsOnly = s.instances.find((i) => i.id === "networking/external-dns-dns-only")!;
    // The same public answer is judged as a proxied name for one instance (edge addresses or not)
    // and as a DNS-only name for the other (the origin's addresses, or edge ones where none belong).
    const proxiedHere = (i: StateResponse["instances"][number], name: string) => i.desired.filter((d) => d.name === name).map((d) => d.proxied);
    const differ = proxied.hostnames
      .map((n) => n.name)
      .filter((name) => proxiedHere(proxied, name).every(Boolean) && proxiedHere(dnsOnly, name).length > 0 && !proxiedHere(dnsOnly, name).some(Boolean));
    expect(differ.length).toBeGreaterThan(0);
    candidate = differ[0];
    const judged = await stateWhere((x) => differ.every((name) => x.instances.every((i) => i.hostnames.find((n) => n.name === name)?.lookup)));
    const verdict = (id: string, name: string) => judged.instances.find((i) => i.id === id)!.hostnames.find((n) => n.name === name)?.lookup?.verdict;
    const resolving = differ.filter((name) => ["proxied-ok", "not-proxied"].includes(verdict(proxied.id, name) ?? ""));
    expect(resolving.length).toBeGreaterThan(0);
    for (const name of resolving) {
      expect(`${name}: ${verdict(dnsOnly.id, name)}`).toMatch(/: (matches|unexpectedly-proxied|wrong-target)$/);
    }
  });

  it("answers /api/lookup for the instance asked about", async () => {
    const ask = async (instance: string) =>
      (await call<{ verdict: string }>(h.transcript, lookup, request(`/api/lookup?name=${candidate}&instance=${encodeURIComponent(instance)}`))).body.verdict;
    expect(await ask("networking/external-dns")).toMatch(/^(proxied-ok|not-proxied)$/);
    expect(await ask("networking/external-dns-dns-only")).toMatch(/^(matches|unexpectedly-proxied|wrong-target)$/);
  });
});

describe("DoH results a viewer can add", () => {
  it("are bounded by DNSDRIFT_DOH_MAX_RESULTS (an LRU), however many names are asked", async () => {
    for (let i = 0; i < MAX_RESULTS * 3; i++) {
      const res = await call(h.transcript, lookup, request(`/api/lookup?name=probe-${i}.example.com`));
      expect(res.status).toBe(200);
    }
    expect(rt.doh.keptCount()).toBeLessThanOrEqual(MAX_RESULTS);
    // The most recent answers are the ones kept.
    expect(rt.doh.lastLookup("networking/external-dns", `probe-${MAX_RESULTS * 3 - 1}.example.com`)).toBeDefined();
  });
});
