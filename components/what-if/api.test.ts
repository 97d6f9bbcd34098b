import { describe, expect, it } from "vitest";
import type { WhatIfChange, WhatIfResponse } from "@/lib/api/types";
import { upgradeRisk, whatIfSearch } from "./api";

const change = (action: WhatIfChange["action"], name: string, content: string, extra: Partial<WhatIfChange> = {}): WhatIfChange => ({
  action,
  zone: "example.com",
  name,
  type: "CNAME",
  content,
  causes: [],
  consequences: [],
  ...extra,
});

const doc = (differences: WhatIfChange[]) => ({ differences, next: { version: "v0.22.0" } }) as unknown as WhatIfResponse;

describe("whatIfSearch", () => {
  it.each([
    [{ instance: null, toVersion: null, args: [] }, ""],
    [{ instance: null, toVersion: "v0.22.0", args: [] }, "?toVersion=v0.22.0"],
    [{ instance: "prod", toVersion: "v0.22.0", args: ["--txt-prefix=x", "--policy=sync"] }, "?instance=prod&toVersion=v0.22.0&arg=--txt-prefix%3Dx&arg=--policy%3Dsync"],
  ])("%j → %s", (p, want) => {
    expect(whatIfSearch(p)).toBe(want);
  });
});

describe("upgradeRisk: what the overview warns about", () => {
  it("is nothing when the upgrade only creates", () => {
    expect(upgradeRisk(doc([change("create", "new.example.com", "lb")]))).toBeUndefined();
  });

  it("names deletes that are not recreated as deleted", () => {
    expect(upgradeRisk(doc([change("delete", "old.example.com", "lb")]))).toEqual({ toVersion: "v0.22.0", deleted: ["old.example.com"], repointed: [] });
  });

  it("names a delete with a create of the same name (a type change) as repointed", () => {
    const r = upgradeRisk(doc([change("delete", "api.example.com", "lb"), change("create", "api.example.com", "10.0.0.1", { type: "A" })]));
    expect(r).toEqual({ toVersion: "v0.22.0", deleted: [], repointed: ["api.example.com"] });
  });

  it("names content updates as repointed, and ignores updates of proxied or TTL only", () => {
    const r = upgradeRisk(
      doc([
        change("update", "b.example.com", "new-lb", { previous: { content: "old-lb" } }),
        change("update", "a.example.com", "lb", { previous: { content: "lb", proxied: false }, proxied: true }),
      ]),
    );
    expect(r).toEqual({ toVersion: "v0.22.0", deleted: [], repointed: ["b.example.com"] });
  });

  it("leaves ownership TXT changes out, and sorts and de-duplicates names", () => {
    const r = upgradeRisk(
      doc([
        change("delete", "z.example.com", "lb"),
        change("delete", "z.example.com", "lb2"),
        change("delete", "a.example.com", "lb"),
        change("delete", "cname-q.example.com", '"heritage=external-dns"', { type: "TXT", ownershipOf: "q.example.com" }),
      ]),
    );
    expect(r).toEqual({ toVersion: "v0.22.0", deleted: ["a.example.com", "z.example.com"], repointed: [] });
  });
});
