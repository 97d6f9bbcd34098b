import { describe, expect, it } from "vitest";
import type { WhatIfChange } from "@/lib/api/types";
import type { WhatIfChangesResponse, WhatIfGroup } from "@/lib/api/what-if-views";
import { changeRows, totalRows } from "./rows";

const group = (key: string, total: number, actions: Partial<WhatIfGroup["actions"]> = {}): WhatIfGroup => ({
  key,
  cause: { code: "annotation-prefix-changed", resource: `gateway/g/${key}`, message: key },
  total,
  actions: { create: 0, update: 0, delete: 0, ...actions },
});
const change = (name: string): WhatIfChange => ({ action: "create", zone: "example.com", name, type: "A", content: "10.0.0.1", causes: [], consequences: [] });

function page(groups: WhatIfGroup[], items: [string, string][], offset = 0): WhatIfChangesResponse {
  return { instance: "i", generatedAt: "t", list: "differences", group: null, action: null, groups, total: 5, offset, limit: 3, items: items.map(([g, n]) => ({ group: g, change: change(n) })) };
}

const shape = (pages: WhatIfChangesResponse[]) => changeRows(pages).map((r) => (r.kind === "group" ? `# ${r.group.key}` : `${r.position} ${r.item.change.name}`));

describe("changeRows: a header before each group's first loaded change", () => {
  const a = group("a", 4);
  const b = group("b", 1);
  it.each([
    ["nothing loaded", [], []],
    ["one page, two groups", [page([a, b], [["a", "1"], ["a", "2"], ["b", "3"]])], ["# a", "0 1", "1 2", "# b", "2 3"]],
    // A group that goes on in the next page gets no second header.
    ["a group across pages", [page([a], [["a", "1"], ["a", "2"], ["a", "3"]]), page([a, b], [["a", "4"], ["b", "5"]], 3)], ["# a", "0 1", "1 2", "2 3", "3 4", "# b", "4 5"]],
  ])("%s", (_what, pages, want) => {
    expect(shape(pages as WhatIfChangesResponse[])).toEqual(want);
  });
});

describe("totalRows: the list's changes and a row per group that has any", () => {
  const groups = [group("a", 3, { create: 2, delete: 1 }), group("b", 2, { delete: 2 }), group("c", 1, { update: 1 })];
  it.each([
    [6, null, 9],
    [2, "create", 3],
    [3, "delete", 5],
    [1, "update", 2],
  ] as const)("%i changes, action %s → %i rows", (changes, action, want) => {
    expect(totalRows(changes, groups, action)).toBe(want);
  });
});
