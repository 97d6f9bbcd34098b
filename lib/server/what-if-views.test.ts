// The What-if page's views, on synthetic what-if documents: the outline keeps everything but the
// change lists, groups are by cause (most changes first, a change with two causes under both, a
// change without a cause still listed), and paging, group and action selections cut the grouped
// sequence at the right places.

import { describe, expect, it } from "vitest";
import type { WhatIfCause, WhatIfChange, WhatIfResponse } from "../api/types";
import { PageParamError } from "./pages";
import { changesQueryKey, parseChangesQuery, whatIfChangesPage, whatIfOutline, WhatIfViewError } from "./what-if-views";

const cause = (resource: string, message = `${resource}: annotation no longer read`): WhatIfCause => ({ code: "annotation-prefix-changed", resource, message });

const change = (action: WhatIfChange["action"], name: string, causes: WhatIfCause[]): WhatIfChange => ({
  action,
  zone: "example.com",
  name,
  type: "CNAME",
  content: "lb.example.net",
  causes,
  consequences: [],
});

const side = { version: "v0.21.0", annotationPrefix: "a/", annotationPrefixExplicit: false, policy: "sync", txtOwnerId: "default", txtPrefix: "", txtSuffix: "", summary: { create: 0, update: 0, delete: 0 } };

function doc(differences: WhatIfChange[], vanishing: WhatIfChange[] = []): WhatIfResponse {
  return {
    current: side,
    next: { ...side, version: "v0.22.0" },
    changed: [{ kind: "version", flag: "version", from: "v0.21.0", to: "v0.22.0" }],
    differences,
    vanishing,
    summary: { differences: differences.length, vanishing: vanishing.length, create: 0, update: 0, delete: 0, causes: {}, consequences: {} },
    newlyBlocked: [{ code: "unowned-record", resource: "ingress/a/b", message: "m", hostnames: ["b.example.com"] }],
    fixes: [],
    order: { safe: [], unsafe: [] },
    nextIssues: [],
    instance: "prod",
    generatedAt: "2026-12-06T00:00:00.000Z",
    partial: false,
    versions: ["v0.20.0", "v0.21.0", "v0.22.0"],
    query: { toVersion: "v0.22.0", args: [] },
  };
}

const gw = cause("gateway/gateways/gw-1");
const route = cause("httproute/team/r1");
const ing = cause("ingress/web/i1");

/** gw-1: 5 changes (one also under r1); r1: 2; i1: 2; one change without a cause. */
const sample = doc([
  change("delete", "a.example.com", [gw]),
  change("create", "a.example.com", [gw]),
  change("delete", "b.example.com", [route, gw]),
  change("create", "c.example.com", [ing]),
  change("update", "d.example.com", [gw]),
  change("create", "e.example.com", [gw]),
  change("create", "f.example.com", []),
  change("delete", "g.example.com", [ing]),
  change("update", "h.example.com", [route]),
]);

const q = (search: string) => parseChangesQuery(new URLSearchParams(search));
const names = (search: string, d = sample) => whatIfChangesPage(d, q(search)).items.map((i) => `${i.change.action} ${i.change.name.split(".")[0]}`);

describe("whatIfOutline", () => {
  const outline = whatIfOutline(sample);

  it("is the document without its change lists", () => {
    expect(outline).not.toHaveProperty("differences");
    expect(outline).not.toHaveProperty("vanishing");
    for (const [k, v] of Object.entries(sample)) if (k !== "differences" && k !== "vanishing") expect(outline).toHaveProperty(k, v);
  });

  it("groups by cause, most changes first; resource breaks ties; the changes without a cause last among equals", () => {
    const g = outline.lists.differences.groups;
    expect(g.map((x) => [x.cause?.resource ?? null, x.total])).toEqual([
      ["gateway/gateways/gw-1", 5],
      ["httproute/team/r1", 2],
      ["ingress/web/i1", 2],
      [null, 1],
    ]);
    expect(g[0].actions).toEqual({ create: 2, update: 1, delete: 2 });
    expect(g[1].actions).toEqual({ create: 0, update: 1, delete: 1 });
  });

  it("counts each change once per list, and once per group it is listed under", () => {
    expect(outline.lists.differences.total).toBe(9);
    expect(outline.lists.differences.actions).toEqual({ create: 4, update: 2, delete: 3 });
    expect(outline.lists.differences.groups.reduce((n, g) => n + g.total, 0)).toBe(10);
    expect(outline.lists.vanishing).toEqual({ total: 0, actions: { create: 0, update: 0, delete: 0 }, groups: [] });
  });

  it("gives groups distinct keys that stay the same for the same cause in another document", () => {
    const keys = outline.lists.differences.groups.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    const other = whatIfOutline(doc([change("create", "z.example.com", [route])]));
    expect(other.lists.differences.groups[0].key).toBe(outline.lists.differences.groups[1].key);
  });

  it("keeps causes that differ only in their message apart", () => {
    const two = whatIfOutline(doc([change("create", "a.example.com", [cause("x/y/z", "one")]), change("create", "b.example.com", [cause("x/y/z", "two")])]));
    expect(two.lists.differences.groups.map((g) => g.cause?.message)).toEqual(["one", "two"]);
  });
});

describe("whatIfChangesPage: the grouped sequence, paged", () => {
  it("lists groups in outline order, each group's changes in document order", () => {
    expect(names("")).toEqual([
      "delete a", "create a", "delete b", "update d", "create e", // gw-1
      "delete b", "update h", // r1
      "create c", "delete g", // i1
      "create f", // no cause
    ]);
  });

  it.each([
    // [query, total, offset, items]
    ["limit=3", 10, 0, ["delete a", "create a", "delete b"]],
    ["offset=3&limit=3", 10, 3, ["update d", "create e", "delete b"]],
    ["offset=9&limit=3", 10, 9, ["create f"]],
    ["offset=10&limit=3", 10, 10, []],
    ["offset=500", 10, 500, []],
    ["action=create", 4, 0, ["create a", "create e", "create c", "create f"]],
    ["action=create&offset=1&limit=2", 4, 1, ["create e", "create c"]],
    ["action=update", 2, 0, ["update d", "update h"]],
  ])("%s → %i in all, from %i: %j", (search, total, offset, items) => {
    const page = whatIfChangesPage(sample, q(search));
    expect(page.total).toBe(total);
    expect(page.offset).toBe(offset);
    expect(names(search)).toEqual(items);
  });

  it("names the groups of its items, in order, and each item's group", () => {
    const page = whatIfChangesPage(sample, q("offset=4&limit=2"));
    const [gwGroup, routeGroup] = whatIfOutline(sample).lists.differences.groups;
    expect(page.groups.map((g) => g.key)).toEqual([gwGroup.key, routeGroup.key]);
    expect(page.items.map((i) => i.group)).toEqual([gwGroup.key, routeGroup.key]);
    expect(page.groups[0]).toEqual(gwGroup);
  });

  it.each([
    // [which group, action, total, items]
    [0, "", 5, ["delete a", "create a", "delete b", "update d", "create e"]],
    [1, "", 2, ["delete b", "update h"]],
    [3, "", 1, ["create f"]],
    [0, "delete", 2, ["delete a", "delete b"]],
    [2, "update", 0, []],
  ])("group #%i, action %j → %i: %j", (n, action, total, items) => {
    const key = whatIfOutline(sample).lists.differences.groups[n].key;
    const search = `group=${encodeURIComponent(key)}${action ? `&action=${action}` : ""}`;
    const page = whatIfChangesPage(sample, q(search));
    expect(page).toMatchObject({ total, group: key, action: action || null, list: "differences", instance: "prod" });
    expect(names(search)).toEqual(items);
  });

  it("reads the vanishing list with list=vanishing", () => {
    const d = doc([], [change("delete", "old.example.com", [cause("config", "--policy changed")])]);
    expect(names("list=vanishing", d)).toEqual(["delete old"]);
    expect(whatIfChangesPage(d, q("list=vanishing")).list).toBe("vanishing");
    expect(names("", d)).toEqual([]);
  });

  it("answers an unknown group with a 404 naming it", () => {
    const err = (() => {
      try {
        whatIfChangesPage(sample, q("group=nope"));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WhatIfViewError);
    expect(err).toMatchObject({ status: 404, code: "group-not-found", message: 'no group "nope" among the differences of this what-if' });
  });

  it("pages a large list exactly: every change once per group, no gaps or repeats across pages", () => {
    const many = doc(Array.from({ length: 2500 }, (_, i) => change(i % 3 ? "create" : "delete", `n${i}.example.com`, [cause(`gateway/g/gw-${i % 7}`)])));
    const seen: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = whatIfChangesPage(many, q(`offset=${offset}&limit=1000`));
      expect(page.total).toBe(2500);
      seen.push(...page.items.map((i) => i.change.name));
      if (page.items.length < 1000) break;
    }
    expect(seen.length).toBe(2500);
    expect(new Set(seen).size).toBe(2500);
  });
});

describe("parseChangesQuery", () => {
  it.each([
    ["", "list=differences|group=|action=|offset=0|limit=100"],
    ["list=vanishing&action=delete&group=k1&offset=200&limit=50", "list=vanishing|group=k1|action=delete|offset=200|limit=50"],
    ["list=&action=&group=", "list=differences|group=|action=|offset=0|limit=100"],
  ])("%j → %s", (search, key) => {
    expect(changesQueryKey(q(search))).toBe(key);
  });

  it.each([
    ["list=all", 'list must be one of differences, vanishing, got "all"'],
    ["action=upsert", 'action must be one of create, update, delete, got "upsert"'],
    ["limit=0", "limit must be 1–1000, got 0"],
    ["limit=1001", "limit must be 1–1000, got 1001"],
    ["offset=-1", 'offset must be a whole number ≥ 0, got "-1"'],
    ["offset=1.5", 'offset must be a whole number ≥ 0, got "1.5"'],
  ])("%j → 400: %s", (search, message) => {
    expect(() => q(search)).toThrow(PageParamError);
    expect(() => q(search)).toThrow(message);
  });
});
