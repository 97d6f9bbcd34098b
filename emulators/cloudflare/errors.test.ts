// Every validation, conflict and authentication error surfaces through the SDK as its typed
// error, with the real HTTP status and Cloudflare code.

import Cloudflare from "cloudflare";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { baseSeed, OTHER_ZONE_ID, rejection, startHarness, ZONE_ID } from "./test-support";
import type { Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  if (!h) {
    h = await startHarness({
      tokens: {
        "edit-token": { permissions: ["read", "edit"] },
        "read-token": { permissions: ["read"] },
        "org-only": { permissions: ["read", "edit"], zones: ["example.org"] },
        "disabled-token": { permissions: ["read"], status: "disabled" },
      },
    });
  }
  h.emu.seed(baseSeed());
  h.emu.reset();
});
afterAll(() => h?.emu.close());

type ErrorClass = new (...args: never[]) => Error;
const create = (body: Record<string, unknown>, token?: string) =>
  h.client(token).dns.records.create({ zone_id: ZONE_ID, ttl: 1, ...body } as Parameters<Cloudflare["dns"]["records"]["create"]>[0]);

const cases: [string, () => Promise<unknown>, ErrorClass, number, number][] = [
  ["CNAME over an A record", () => create({ type: "CNAME", name: "www", content: "x.example.net" }), Cloudflare.BadRequestError, 400, 81053],
  ["CNAME over a CNAME", () => create({ type: "CNAME", name: "app", content: "other.example.net" }), Cloudflare.BadRequestError, 400, 81053],
  ["A over a CNAME", () => create({ type: "A", name: "app", content: "198.51.100.9" }), Cloudflare.BadRequestError, 400, 81054],
  ["AAAA over a CNAME", () => create({ type: "AAAA", name: "app", content: "2001:db8::9" }), Cloudflare.BadRequestError, 400, 81054],
  ["exact duplicate", () => create({ type: "A", name: "WWW.example.com", content: "198.51.100.1" }), Cloudflare.BadRequestError, 400, 81058],
  ["duplicate TXT", () => create({ type: "TXT", name: "cname-app", content: '"heritage=external-dns,external-dns/owner=default"' }), Cloudflare.BadRequestError, 400, 81058],
  ["proxied TXT", () => create({ type: "TXT", name: "t", content: "hello", proxied: true }), Cloudflare.BadRequestError, 400, 9004],
  ["proxied MX", () => create({ type: "MX", name: "m", content: "mx.example.com", priority: 5, proxied: true }), Cloudflare.BadRequestError, 400, 9004],
  ["proxied private IP", () => create({ type: "A", name: "p", content: "10.1.2.3", proxied: true }), Cloudflare.BadRequestError, 400, 9041],
  ["proxied 1.1.1.1", () => create({ type: "A", name: "p", content: "1.1.1.1", proxied: true }), Cloudflare.BadRequestError, 400, 9003],
  ["A with a hostname", () => create({ type: "A", name: "a", content: "host.example.com" }), Cloudflare.BadRequestError, 400, 9005],
  ["AAAA with an IPv4", () => create({ type: "AAAA", name: "a", content: "198.51.100.1" }), Cloudflare.BadRequestError, 400, 9006],
  ["TTL 5", () => create({ type: "A", name: "a", content: "198.51.100.1", ttl: 5 }), Cloudflare.BadRequestError, 400, 9021],
  ["TTL 30 on a free zone", () => create({ type: "A", name: "a", content: "198.51.100.1", ttl: 30 }), Cloudflare.BadRequestError, 400, 9021],
  ["TTL above 86400", () => create({ type: "A", name: "a", content: "198.51.100.1", ttl: 86401 }), Cloudflare.BadRequestError, 400, 9021],
  ["PUT without ttl", () => h.client().put(`/zones/${ZONE_ID}/dns_records/a0000000000000000000000000000001`, { body: { type: "A", name: "www", content: "198.51.100.1" } }), Cloudflare.BadRequestError, 400, 9021],
  ["CNAME to itself", () => create({ type: "CNAME", name: "self", content: "self.example.com" }), Cloudflare.BadRequestError, 400, 9039],
  ["unknown type", () => h.client().post(`/zones/${ZONE_ID}/dns_records`, { body: { type: "BOGUS", name: "x", content: "y", ttl: 1 } }), Cloudflare.BadRequestError, 400, 9020],
  ["comment with a newline", () => create({ type: "A", name: "a", content: "198.51.100.1", comment: "a\nb" }), Cloudflare.BadRequestError, 400, 1004],
  ["comment over 100 chars on free", () => create({ type: "A", name: "a", content: "198.51.100.1", comment: "x".repeat(101) }), Cloudflare.BadRequestError, 400, 1004],
  ["MX without priority", () => create({ type: "MX", name: "m", content: "mx.example.com" }), Cloudflare.BadRequestError, 400, 1004],
  ["get an unknown record", () => h.client().dns.records.get("0123456789abcdef0123456789abcdef", { zone_id: ZONE_ID }), Cloudflare.NotFoundError, 404, 81044],
  ["delete an unknown record", () => h.client().dns.records.delete("0123456789abcdef0123456789abcdef", { zone_id: ZONE_ID }), Cloudflare.NotFoundError, 404, 81044],
  ["malformed record id", () => h.client().dns.records.get("not-an-id", { zone_id: ZONE_ID }), Cloudflare.BadRequestError, 400, 7003],
  ["malformed zone id (a name)", () => h.client().dns.records.list({ zone_id: "example.com" }), Cloudflare.BadRequestError, 400, 7003],
  ["unknown zone id", () => h.client().zones.get({ zone_id: "0123456789abcdef0123456789abcdef" }), Cloudflare.NotFoundError, 404, 7003],
  ["write with a read-only token", () => create({ type: "A", name: "a", content: "198.51.100.1" }, "read-token"), Cloudflare.PermissionDeniedError, 403, 10000],
  ["batch with a read-only token", () => h.client("read-token").dns.records.batch({ zone_id: ZONE_ID, deletes: [] }), Cloudflare.PermissionDeniedError, 403, 10000],
  ["zone outside the token's scope", () => h.client("org-only").dns.records.list({ zone_id: ZONE_ID }), Cloudflare.PermissionDeniedError, 403, 10000],
  ["unknown token", () => h.client("nope").zones.list(), Cloudflare.AuthenticationError, 401, 1000],
  ["unknown token on verify", () => h.client("nope").user.tokens.verify(), Cloudflare.AuthenticationError, 401, 1000],
  ["disabled token", () => h.client("disabled-token").zones.list(), Cloudflare.AuthenticationError, 401, 1000],
  ["a body that is not an object", () => h.client().post(`/zones/${ZONE_ID}/dns_records`, { body: ["A"] }), Cloudflare.BadRequestError, 400, 9207],
  ["unknown route", () => h.client().get("/zones/x/nothing/here"), Cloudflare.NotFoundError, 404, 7000],
];

describe("typed SDK errors", () => {
  it.each(cases)("%s", async (_label, call, cls, status, code) => {
    const e = await rejection(call());
    expect(e).toBeInstanceOf(cls);
    expect(e.status).toBe(status);
    expect(e.errors[0]?.code).toBe(code);
  });

  it("refuses NS exclusivity violations both ways", async () => {
    await create({ type: "NS", name: "sub", content: "ns1.other.net" });
    expect((await rejection(create({ type: "A", name: "sub", content: "198.51.100.1" }))).errors[0].code).toBe(81056);
    expect((await rejection(create({ type: "NS", name: "www", content: "ns1.other.net" }))).errors[0].code).toBe(81055);
  });

  it("applies the same rules to PUT and PATCH as to create", async () => {
    const patch = rejection(h.client().patch(`/zones/${ZONE_ID}/dns_records/a0000000000000000000000000000001`, { body: { type: "CNAME", content: "x.example.net" } }));
    expect((await patch).errors[0].code).toBe(81053);
    const put = rejection(h.client().dns.records.update("f0000000000000000000000000000001", { zone_id: ZONE_ID, type: "TXT", name: "cname-app", content: "x", ttl: 1, proxied: true }));
    expect((await put).errors[0].code).toBe(9004);
  });

  it("lets a record be rewritten onto itself (no self-conflict)", async () => {
    const r = await h.client().dns.records.update("c0000000000000000000000000000001", { zone_id: ZONE_ID, type: "CNAME", name: "app", content: "lb.example.net", ttl: 1, proxied: true });
    expect(r.content).toBe("lb.example.net");
  });

  it("allows TTL 30 on an enterprise zone and still scopes a token to its zone", async () => {
    h.emu.seed({ zones: [{ id: ZONE_ID, name: "example.com", plan: "enterprise" }, { id: OTHER_ZONE_ID, name: "example.org" }] });
    expect((await create({ type: "A", name: "e", content: "198.51.100.1", ttl: 30 })).ttl).toBe(30);
    const listed = await h.client("org-only").zones.list();
    expect(listed.result.map((z) => z.name)).toEqual(["example.org"]);
  });

  it("uses 81057 for duplicates when configured", async () => {
    const other = await startHarness({ duplicateCode: 81057 });
    try {
      const e = await rejection(other.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name: "www", content: "198.51.100.2", ttl: 1 }));
      expect(e.errors[0]).toEqual({ code: 81057, message: "Record already exists." });
    } finally {
      await other.emu.close();
    }
  });
});

describe("raw authentication failures", () => {
  const call = (headers: Record<string, string>, path = "/zones") => fetch(`${h.emu.url}${path}`, { headers });

  it.each<[string, Record<string, string>, string, number, unknown]>([
    ["missing credentials", {}, "/zones", 401, [{ code: 10001, message: "Unable to authenticate request" }]],
    ["missing Authorization on verify", {}, "/user/tokens/verify", 401, [{ code: 1001, message: 'Missing "Authorization" header' }]],
    ["non-Bearer Authorization", { authorization: "Basic abc" }, "/zones", 400, [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }]],
    ["empty Bearer token", { authorization: "Bearer " }, "/zones", 400, [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }]],
    ["unknown legacy API key", { "x-auth-email": "a@example.com", "x-auth-key": "nope" }, "/zones", 403, [{ code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" }]],
    ["legacy API key on verify", { "x-auth-email": "a@example.com", "x-auth-key": "edit-token" }, "/user/tokens/verify", 401, [{ code: 1001, message: 'Missing "Authorization" header' }]],
  ])("%s", async (_label, headers, path, status, errors) => {
    const res = await call(headers, path);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ result: null, success: false, errors, messages: [] });
  });

  it("refuses a body that is not JSON", async () => {
    const res = await fetch(`${h.emu.url}/zones/${ZONE_ID}/dns_records`, {
      method: "POST",
      headers: { authorization: "Bearer edit-token", "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { code: number }[] }).errors[0].code).toBe(9207);
  });

  it("answers an unsupported method on a known path with 405", async () => {
    const res = await fetch(`${h.emu.url}/zones`, { method: "DELETE", headers: { authorization: "Bearer edit-token" } });
    expect(res.status).toBe(405);
  });

  it("accepts a known legacy API key with an email (the SDK's apiKey + apiEmail)", async () => {
    const cf = new Cloudflare({ apiKey: "edit-token", apiEmail: "a@example.com", baseURL: h.emu.url, maxRetries: 0 });
    expect((await cf.zones.list()).result).toHaveLength(2);
  });

  it("reports a disabled token's status on verify", async () => {
    expect(await h.client("disabled-token").user.tokens.verify()).toMatchObject({ status: "disabled" });
  });
});
