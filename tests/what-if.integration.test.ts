// GET /api/what-if through the real route handler, on the demo's cluster (Kubernetes emulator,
// external-dns found by discovery from its Deployment args) and Cloudflare emulator.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as whatIf } from "../app/api/what-if/route";
import type { WhatIfResponse } from "../lib/api/types";
import { call, request, startHarness, type Harness } from "./support/security-harness";

const READ = "cf-read-token-what-if-0000000000000";
const WRITE = "cf-edit-token-what-if-0000000000000";
const VIEWER = "dnsdrift-viewer-token-what-if-00000";

let h: Harness;
const ask = <T = Record<string, unknown>>(q: string, headers: Record<string, string> = { authorization: `Bearer ${VIEWER}` }) =>
  call<T>(h.transcript, whatIf, request(`/api/what-if${q}`, { headers }));

beforeAll(async () => {
  h = await startHarness({ read: READ, write: WRITE, accessPolicy: () => false });
  h.configure({ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: JSON.stringify({ [VIEWER]: { name: "vic", groups: ["dev"] } }) });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe("GET /api/what-if", () => {
  it("upgrading the demo's external-dns to v0.22.0: the same document as the CLI", async () => {
    const res = await ask<WhatIfResponse>("?toVersion=v0.22.0");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.instance).toBe("networking/external-dns");
    expect(doc.versions).toEqual(["v0.20.0", "v0.21.0", "v0.22.0"]);
    expect(doc.query).toEqual({ toVersion: "v0.22.0", args: [] });
    expect(doc.current).toMatchObject({ version: "v0.20.0", annotationPrefix: "external-dns.alpha.kubernetes.io/" });
    expect(doc.next).toMatchObject({ version: "v0.22.0", annotationPrefix: "external-dns.kubernetes.io/" });
    const deletes = doc.differences.filter((c) => c.action === "delete" && c.type === "CNAME").map((c) => c.name).sort();
    // grpc.example.com (the demo's GRPCRoute) sits behind the same Gateway target annotation as api and app.
    expect(deletes).toEqual(["api.example.com", "app.example.com", "grpc.example.com", "legacy.example.com"]);
    expect(doc.summary).toMatchObject({ differences: 20, create: 12, delete: 8 });
    expect(doc.fixes[0].patch?.yaml).toBe("annotationPrefix: external-dns.alpha.kubernetes.io/\n");
  });

  it("repeatable arg: pinning the prefix leaves nothing to differ", async () => {
    const res = await ask<WhatIfResponse>(`?toVersion=v0.22.0&arg=${encodeURIComponent("--annotation-prefix=external-dns.alpha.kubernetes.io/")}`);
    expect(res.status).toBe(200);
    expect(res.body.differences).toEqual([]);
    const policy = await ask<WhatIfResponse>(`?arg=--policy%3Dupsert-only&arg=--txt-owner-id%3Ddefault`);
    expect(policy.body.changed.map((d) => d.flag)).toEqual(["--policy"]);
    expect(policy.body.vanishing.map((c) => c.name)).toContain("old.example.com");
  });

  it.each([
    ["?toVersion=v0.19.0", "invalid-version", /v0\.19\.0 is not a version dnsdrift models/],
    ["?toVersion=latest", "invalid-version", /"latest" is not an external-dns version/],
    ["?arg=--bogus-flag%3D1", "invalid-flag", /--bogus-flag is not an external-dns flag/],
    ["?arg=policy", "invalid-flag", /write it as --flag=value/],
    ["?arg=--txt-suffix%3D-x", "next-config-refused", /--txt-prefix and --txt-suffix are mutually exclusive/],
  ])("%s → 400 %s with a clear message", async (q, code, message) => {
    const res = await ask<{ error: { code: string; message: string } }>(q);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
  });

  it("needs a signed-in viewer", async () => {
    expect((await ask("?toVersion=v0.22.0", {})).status).toBe(401);
  });

  it("names an unknown instance", async () => {
    const res = await ask<{ error: { code: string } }>("?toVersion=v0.22.0&instance=nope");
    expect(res.status).toBe(404);
  });
});
