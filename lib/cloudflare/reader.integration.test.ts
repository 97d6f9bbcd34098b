// The reader with the real SDK against the in-process emulator: loading, call counts, zone
// selection, and per-zone error handling with stale data and the Retry-After gate.

import Cloudflare from "cloudflare";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudflareEmulator } from "../../emulators/cloudflare/server";
import { configFromArgs } from "../externaldns/config";
import { makeDomainFilter } from "../externaldns/domain-filter";
import { cloudflareReaderFromEnv } from "./from-env";
import { parseRecordsDocument } from "./records-file";
import { createCloudflareReader, zonesForPlanning } from "./reader";
import type { CloudflareReaderOptions } from "./reader";
import {
  callsTo, DISABLED_TOKEN, exampleSeed, manualClock, manyRecords, NO_PERMISSION_TOKEN, ORG_ZONE_ID, READ_TOKEN,
  SEED_ZONE_ID, startTestEmulator, twoZoneSeed, UNKNOWN_TOKEN,
} from "../../tests/support/cloudflare-emulator";

const LIST = "GET /zones/:zone_id/dns_records";
const quiet = () => {};

let emu: CloudflareEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => {
  emu.seed(twoZoneSeed());
  emu.reset();
});

function reader(extra: Partial<CloudflareReaderOptions> = {}) {
  return createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: () => true, timeoutMs: 2000, log: quiet, ...extra });
}

const byName = (load: Awaited<ReturnType<ReturnType<typeof reader>["load"]>>, name: string) => {
  const z = load.zones.find((x) => x.name === name);
  if (!z) throw new Error(`zone ${name} not in the load`);
  return z;
};

describe("loading", () => {
  it("loads every zone and record as the records document describes them", async () => {
    const load = await reader().load();
    expect(load.health).toMatchObject({ id: "cloudflare", status: "ok" });
    expect(load.zones.map((z) => [z.name, z.health.status])).toEqual([["example.com", "ok"], ["example.org", "ok"]]);
    const expected = parseRecordsDocument(exampleSeed(), "records.json")[0].records;
    const got = byName(load, "example.com").records;
    const key = (r: { id: string }) => r.id;
    const pick = (r: (typeof expected)[number]) => ({ id: r.id, type: r.type, name: r.name, content: r.content, proxied: r.proxied, ttl: r.ttl, priority: r.priority });
    expect(got.map(pick).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.map(pick).sort((a, b) => key(a).localeCompare(key(b))));
    // verify + one zone page + one record page per zone
    expect(load.calls).toBe(4);
    expect(emu.stats().total).toBe(4);
  });

  it("verifies the token once, not on every refresh", async () => {
    const r = reader();
    await r.load();
    const second = await r.load();
    expect(second.calls).toBe(3);
    expect(callsTo(emu, "GET /user/tokens/verify")).toBe(1);
  });

  it("shares one round of calls between overlapping loads", async () => {
    const r = reader();
    const [a, b] = await Promise.all([r.load(), r.load()]);
    expect(a).toBe(b);
    expect(emu.stats().total).toBe(4);
  });

  it("reports a zone that never loaded as error and leaves it out of planning", async () => {
    emu.setFault({ kind: "serverError", status: 500, match: { zoneId: ORG_ZONE_ID } });
    const load = await reader().load();
    const org = byName(load, "example.org");
    expect(org.health).toMatchObject({ status: "error", fetchedAt: null, error: { code: "server-error" } });
    const planning = zonesForPlanning(load);
    expect(planning.complete).toBe(false);
    expect(planning.zones.map((z) => z.name)).toEqual(["example.com"]);
  });
});

describe("record-list calls per zone", () => {
  it.each([
    [0, 1],
    [1, 1],
    [4999, 1],
    [5000, 1],
    [5001, 2],
    [20000, 4],
  ])("%i records cost %i listing call(s)", async (n, expected) => {
    emu.seed({ zones: [{ id: SEED_ZONE_ID, name: "example.com", records: manyRecords("example.com", n) }] });
    const load = await reader().load();
    expect(load.zones[0].records).toHaveLength(n);
    expect(load.zones[0].calls).toBe(expected);
    expect(callsTo(emu, LIST, SEED_ZONE_ID)).toBe(expected);
  });

  it("one 20,000-record zone: 4 listing calls (the SDK's auto-pagination needs 5), 5 calls per refresh with the zone list", async () => {
    emu.seed({ zones: [{ id: SEED_ZONE_ID, name: "example.com", records: manyRecords("example.com", 20000) }] });
    const r = reader();
    const first = await r.load();
    expect(first.calls).toBe(6); // verify + zones + 4 pages
    const again = await r.load();
    expect(again.calls).toBe(5);
    expect(again.zones[0].calls).toBe(4);
    emu.resetStats();
    const sdk = new Cloudflare({ apiToken: READ_TOKEN, baseURL: emu.url, maxRetries: 0 });
    let n = 0;
    for await (const rec of sdk.dns.records.list({ zone_id: SEED_ZONE_ID, per_page: 5000 })) n += rec.id ? 1 : 0;
    expect(n).toBe(20000);
    expect(callsTo(emu, LIST, SEED_ZONE_ID)).toBe(5);
  });

  it("falls back to the empty-page stop when result_info has no total_count", async () => {
    emu.seed({ zones: [{ id: SEED_ZONE_ID, name: "example.com", records: manyRecords("example.com", 20000) }] });
    const stripTotals: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = (await res.json()) as { result_info?: Record<string, unknown> };
      if (body.result_info) delete body.result_info.total_count;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const load = await reader({ fetch: stripTotals }).load();
    expect(load.zones[0].records).toHaveLength(20000);
    expect(load.zones[0].calls).toBe(5);
  });

  it("refuses a 200 answer that is not an API envelope instead of reading an empty zone", async () => {
    const htmlForRecords: typeof fetch = async (input, init) => {
      if (String(input).includes(`/zones/${ORG_ZONE_ID}/dns_records`)) {
        return new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } });
      }
      return fetch(input, init);
    };
    const load = await reader({ fetch: htmlForRecords }).load();
    expect(byName(load, "example.org").health).toMatchObject({ status: "error", error: { code: "invalid-response" } });
    expect(byName(load, "example.com").health.status).toBe("ok");
  });
});

describe("zone selection", () => {
  const extraZones = () => {
    const seed = twoZoneSeed();
    seed.zones.push({ name: "sub.example.com", records: [] }, { name: "notexample.com", records: [] }, { name: "example.net", records: [] });
    return seed;
  };

  it.each<[string, string[], string[]]>([
    ["no filter", [], ["example.com", "example.org", "sub.example.com", "notexample.com", "example.net"]],
    ["--domain-filter=example.com", ["--domain-filter=example.com"], ["example.com", "sub.example.com"]],
    ["--domain-filter=example.com --exclude-domains=sub.example.com", ["--domain-filter=example.com", "--exclude-domains=sub.example.com"], ["example.com"]],
    ["--domain-filter=example.org,example.net", ["--domain-filter=example.org", "--domain-filter=example.net"], ["example.org", "example.net"]],
    ["--regex-domain-filter", ["--regex-domain-filter=^example\\.(org|net)$"], ["example.org", "example.net"]],
  ])("%s", async (_label, args, expected) => {
    emu.seed(extraZones());
    const cfg = configFromArgs(["--provider=cloudflare", "--source=ingress", ...args], { version: "v0.21.0" });
    const load = await reader({ zoneFilter: makeDomainFilter(cfg).match }).load();
    expect(load.zones.map((z) => z.name).sort()).toEqual([...expected].sort());
    // Zones outside the filter are never listed.
    expect(callsTo(emu, LIST)).toBe(expected.length);
  });

  it("from the environment: CF_API_TOKEN, CF_API_BASE_URL and the instance's filters", async () => {
    const cfg = configFromArgs(["--provider=cloudflare", "--source=ingress", "--domain-filter=example.org"], { version: "v0.21.0" });
    expect(cloudflareReaderFromEnv(cfg, {})).toBeUndefined();
    const load = await cloudflareReaderFromEnv(cfg, { CF_API_TOKEN: READ_TOKEN, CF_API_BASE_URL: emu.url }, { log: quiet })!.load();
    expect(load.zones.map((z) => [z.name, z.health.status])).toEqual([["example.org", "ok"]]);
  });

  it("--zone-id-filter fetches exactly those zones by id, and their names only once", async () => {
    emu.seed(extraZones());
    const r = reader({ zoneIdFilters: [ORG_ZONE_ID], zoneFilter: () => false });
    const load = await r.load();
    expect(load.zones.map((z) => [z.id, z.name, z.records.length])).toEqual([[ORG_ZONE_ID, "example.org", 2]]);
    expect(callsTo(emu, "GET /zones")).toBe(0);
    await r.load();
    expect(callsTo(emu, "GET /zones/:zone_id")).toBe(1);
    expect(callsTo(emu, LIST, ORG_ZONE_ID)).toBe(2);
  });

  it("--zone-id-filter with an unknown id reports that zone as not found", async () => {
    const missing = "00000000000000000000000000000bad";
    const load = await reader({ zoneIdFilters: [missing, SEED_ZONE_ID] }).load();
    expect(load.zones.map((z) => [z.id, z.health.status, z.health.error?.code])).toEqual([
      [missing, "error", "not-found"],
      [SEED_ZONE_ID, "ok", undefined],
    ]);
  });
});

describe("per-zone errors", () => {
  it("429: stale with retryAfter, no call to that zone until the wait is over, then a retry", async () => {
    const clock = manualClock();
    const r = reader({ now: clock.now });
    await r.load();
    emu.resetStats();
    emu.setFault({ kind: "rateLimit", retryAfter: 30, count: 1, match: { zoneId: ORG_ZONE_ID } });

    const limited = await r.load();
    const org = byName(limited, "example.org");
    expect(org.health).toMatchObject({ status: "stale", error: { code: "rate-limited", retryAfter: 30 } });
    expect(org.records).toHaveLength(2);
    expect(byName(limited, "example.com").health.status).toBe("ok");
    expect(callsTo(emu, LIST, ORG_ZONE_ID)).toBe(1);

    clock.advance(10);
    const waiting = await r.load();
    expect(callsTo(emu, LIST, ORG_ZONE_ID)).toBe(1);
    expect(byName(waiting, "example.org")).toMatchObject({ calls: 0, health: { status: "stale", error: { code: "rate-limited", retryAfter: 20 } } });
    expect(byName(waiting, "example.org").records).toHaveLength(2);
    expect(callsTo(emu, LIST, SEED_ZONE_ID)).toBe(2);

    clock.advance(21);
    const after = await r.load();
    expect(callsTo(emu, LIST, ORG_ZONE_ID)).toBe(2);
    expect(byName(after, "example.org").health).toEqual({
      id: "zone/example.org", kind: "zone", label: "example.org (Cloudflare zone)", status: "ok", fetchedAt: clock.now().toISOString(),
    });
  });

  it.each<[string, Parameters<CloudflareEmulator["setFault"]>[0], string]>([
    ["500", { kind: "serverError", status: 500 }, "server-error"],
    ["502 HTML page", { kind: "serverError", status: 502, html: true }, "server-error"],
    ["timeout", { kind: "delay", ms: 600 }, "timeout"],
    ["dropped connection", { kind: "reset" }, "unreachable"],
    ["403 on the zone", { kind: "error", status: 403, code: 10000, message: "Authentication error" }, "forbidden"],
  ])("%s in one zone: that zone is stale with its last records, the other is ok", async (_label, fault, code) => {
    const r = reader({ timeoutMs: 300 });
    await r.load();
    emu.setFault({ ...fault, match: { path: `/zones/${ORG_ZONE_ID}/dns_records` } });
    const load = await r.load();
    const org = byName(load, "example.org");
    expect(org.health.status).toBe("stale");
    expect(org.health.error?.code).toBe(code);
    expect(org.health.fetchedAt).not.toBeNull();
    expect(org.records.map((x) => x.name).sort()).toEqual(["example.org", "www.example.org"]);
    expect(byName(load, "example.com").health.status).toBe("ok");
    expect(load.health.status).toBe("ok");
    expect(zonesForPlanning(load)).toMatchObject({ complete: false });
  });

  it("a zone that disappears from the listing is dropped, not kept stale", async () => {
    const r = reader();
    await r.load();
    emu.seed(exampleSeed());
    const load = await r.load();
    expect(load.zones.map((z) => z.name)).toEqual(["example.com"]);
  });
});

describe("account errors", () => {
  it.each<[string, string, string, number]>([
    ["an unknown token", UNKNOWN_TOKEN, "unauthorized", 2],
    ["a disabled token", DISABLED_TOKEN, "unauthorized", 2],
    ["a token without Zone:Read", NO_PERMISSION_TOKEN, "forbidden", 2],
  ])("%s: the account source is %s and no zone reads as empty-ok", async (_label, token, code, calls) => {
    const load = await reader({ token }).load();
    expect(load.health).toMatchObject({ id: "cloudflare", status: "error", fetchedAt: null, error: { code } });
    expect(load.zones).toEqual([]);
    expect(load.calls).toBe(calls);
  });

  it("a 429 on the zone listing keeps every zone stale and gates the whole account", async () => {
    const clock = manualClock();
    const r = reader({ now: clock.now });
    await r.load();
    emu.resetStats();
    emu.setFault({ kind: "rateLimit", retryAfter: 60, count: 1, match: { path: "^/zones$" } });
    const limited = await r.load();
    expect(limited.health).toMatchObject({ status: "stale", error: { code: "rate-limited", retryAfter: 60 } });
    expect(limited.zones.map((z) => [z.name, z.health.status, z.records.length])).toEqual([
      ["example.com", "stale", 17],
      ["example.org", "stale", 2],
    ]);
    expect(emu.stats().total).toBe(1);
    clock.advance(30);
    const waiting = await r.load();
    expect(waiting.calls).toBe(0);
    expect(waiting.health.error?.retryAfter).toBe(30);
    clock.advance(31);
    expect((await r.load()).health.status).toBe("ok");
  });

  const verifyRefused: typeof fetch = async (input, init) =>
    String(input).endsWith("/user/tokens/verify")
      ? new Response(JSON.stringify({ success: false, errors: [{ code: 1000, message: "Invalid API Token" }], messages: [], result: null }), {
          status: 401,
          headers: { "content-type": "application/json" },
        })
      : fetch(input, init);

  it.each<[string, Partial<CloudflareReaderOptions>]>([
    ["zone listing", {}],
    ["--zone-id-filter", { zoneIdFilters: [SEED_ZONE_ID] }],
  ])("a token /user/tokens/verify refuses but that can read (account-owned) is accepted, via %s", async (_label, extra) => {
    const r = reader({ fetch: verifyRefused, ...extra });
    const load = await r.load();
    expect(load.health.status).toBe("ok");
    expect(byName(load, "example.com").health.status).toBe("ok");
    await r.load();
    expect(callsTo(emu, "GET /zones/:zone_id/dns_records", SEED_ZONE_ID)).toBe(2);
  });

  it("with --zone-id-filter, a token that can read nothing is an account error", async () => {
    const load = await reader({ token: UNKNOWN_TOKEN, zoneIdFilters: [SEED_ZONE_ID] }).load();
    expect(load.health).toMatchObject({ status: "error", error: { code: "unauthorized" } });
    expect(load.zones.map((z) => [z.id, z.health.status, z.health.error?.code])).toEqual([[SEED_ZONE_ID, "error", "unauthorized"]]);
  });

  it("an unreachable API is reported as such", async () => {
    const load = await reader({ baseURL: "http://127.0.0.1:9/client/v4" }).load();
    expect(load.health).toMatchObject({ status: "error", error: { code: "unreachable" } });
  });
});
