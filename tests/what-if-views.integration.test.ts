// GET /api/what-if/outline and /api/what-if/changes through the real route handlers, on the
// demo's cluster (Kubernetes emulator) and Cloudflare emulator: the What-if page's answers agree
// with the whole document of GET /api/what-if, carry ETags, and refuse bad input clearly.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as whatIf } from "../app/api/what-if/route";
import { GET as outlineRoute } from "../app/api/what-if/outline/route";
import { GET as changesRoute } from "../app/api/what-if/changes/route";
import type { WhatIfResponse } from "../lib/api/types";
import type { WhatIfChangesResponse, WhatIfOutlineResponse } from "../lib/api/what-if-views";
import { call, request, startHarness, type Harness } from "./support/security-harness";

const READ = "cf-read-token-what-if-views-000000";
const WRITE = "cf-edit-token-what-if-views-000000";
const VIEWER = "dnsdrift-viewer-token-wi-views-000";
const auth = { authorization: `Bearer ${VIEWER}` };

let h: Harness;
const ask = <T>(handler: (req: Request) => Promise<Response>, path: string, headers: Record<string, string> = auth) => call<T>(h.transcript, handler, request(path, { headers }));

beforeAll(async () => {
  h = await startHarness({ read: READ, write: WRITE, accessPolicy: () => false });
  h.configure({ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: JSON.stringify({ [VIEWER]: { name: "vic", groups: ["dev"] } }) });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const key = (c: { action: string; type: string; name: string; content: string }) => `${c.action} ${c.type} ${c.name} ${c.content}`;

describe("the What-if page's answers", () => {
  it("outline and changes together hold the whole document of GET /api/what-if", async () => {
    const whole = (await ask<WhatIfResponse>(whatIf, "/api/what-if?toVersion=v0.22.0")).body;
    const outline = await ask<WhatIfOutlineResponse>(outlineRoute, "/api/what-if/outline?toVersion=v0.22.0");
    expect(outline.status).toBe(200);
    expect(outline.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    const { differences, vanishing, ...rest } = whole;
    expect(outline.body).toMatchObject(rest);
    expect(outline.body).not.toHaveProperty("differences");
    expect(outline.body.lists.differences.total).toBe(differences.length);
    expect(outline.body.lists.vanishing.total).toBe(vanishing.length);

    // The legacy Ingress's target annotation is one cause; its group holds its CNAME's delete.
    const legacy = outline.body.lists.differences.groups.find((g) => g.cause?.resource === "ingress/default/legacy");
    expect(legacy?.cause?.message).toContain("external-dns.alpha.kubernetes.io/target is no longer read");
    const page = await ask<WhatIfChangesResponse>(changesRoute, `/api/what-if/changes?toVersion=v0.22.0&group=${encodeURIComponent(legacy!.key)}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(legacy!.total);
    expect(page.body.items.map((i) => key(i.change))).toContain("delete CNAME legacy.example.com external.example.com");

    // Paged through in windows of 3, the grouped sequence lists every difference under each of its causes.
    const seen: string[] = [];
    const total = outline.body.lists.differences.groups.reduce((n, g) => n + g.total, 0);
    for (let offset = 0; offset < total; offset += 3) {
      const p = await ask<WhatIfChangesResponse>(changesRoute, `/api/what-if/changes?toVersion=v0.22.0&offset=${offset}&limit=3`);
      expect(p.body.total).toBe(total);
      seen.push(...p.body.items.map((i) => `${i.group} ${key(i.change)}`));
    }
    const want = differences.flatMap((c) => c.causes.map((cause) => `${outline.body.lists.differences.groups.find((g) => g.cause?.message === cause.message && g.cause.resource === cause.resource)!.key} ${key(c)}`));
    expect(seen.sort()).toEqual(want.sort());
  });

  it("filters by action on the server", async () => {
    const whole = (await ask<WhatIfResponse>(whatIf, "/api/what-if?toVersion=v0.22.0")).body;
    const outline = (await ask<WhatIfOutlineResponse>(outlineRoute, "/api/what-if/outline?toVersion=v0.22.0")).body;
    const deletes = await ask<WhatIfChangesResponse>(changesRoute, "/api/what-if/changes?toVersion=v0.22.0&action=delete&limit=1000");
    expect(deletes.body.items.every((i) => i.change.action === "delete")).toBe(true);
    expect(outline.lists.differences.actions.delete).toBe(whole.differences.filter((c) => c.action === "delete").length);
    expect(deletes.body.total).toBe(outline.lists.differences.groups.reduce((n, g) => n + g.actions.delete, 0));
  });

  it("answers 304 to the ETag it gave, for the same query however it is spelled", async () => {
    const first = await ask<WhatIfChangesResponse>(changesRoute, "/api/what-if/changes?toVersion=v0.22.0&limit=5");
    const etag = first.headers.get("etag")!;
    const again = await changesRoute(request("/api/what-if/changes?offset=0&limit=5&list=differences&toVersion=v0.22.0", { headers: { ...auth, "if-none-match": etag } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await ask<WhatIfChangesResponse>(changesRoute, "/api/what-if/changes?toVersion=v0.22.0&limit=5&offset=5");
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it.each([
    ["/api/what-if/changes?toVersion=v0.22.0&list=all", 400, "invalid-parameter", /list must be one of differences, vanishing/],
    ["/api/what-if/changes?toVersion=v0.22.0&action=upsert", 400, "invalid-parameter", /action must be one of create, update, delete/],
    ["/api/what-if/changes?toVersion=v0.22.0&limit=5000", 400, "invalid-parameter", /limit must be 1–1000/],
    ["/api/what-if/changes?toVersion=v0.22.0&group=nope", 404, "group-not-found", /no group "nope" among the differences/],
    ["/api/what-if/changes?toVersion=v0.19.0", 400, "invalid-version", /v0\.19\.0 is not a version dnsdrift models/],
    ["/api/what-if/outline?arg=--bogus-flag%3D1", 400, "invalid-flag", /--bogus-flag is not an external-dns flag/],
    ["/api/what-if/outline?instance=nope", 404, "instance-not-found", /no external-dns instance "nope"/],
  ])("%s → %i %s", async (path, status, code, message) => {
    const handler = path.startsWith("/api/what-if/outline") ? outlineRoute : changesRoute;
    const res = await ask<{ error: { code: string; message: string } }>(handler, path);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
  });

  it("needs a signed-in viewer", async () => {
    expect((await ask(outlineRoute, "/api/what-if/outline?toVersion=v0.22.0", {})).status).toBe(401);
    expect((await ask(changesRoute, "/api/what-if/changes?toVersion=v0.22.0", {})).status).toBe(401);
  });
});
