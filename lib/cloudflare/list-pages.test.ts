import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "./api-errors";
import { collectPages } from "./list-pages";
import type { ListPage } from "./list-pages";

type Item = { id: string };

/** Fake SDK pages over `items`; `body` overrides what the server "sent" for a page. */
function pages(items: Item[], perPage: number, opts: { total?: boolean; ignorePage?: boolean; body?: (n: number) => unknown } = {}) {
  let requests = 0;
  const make = (n: number): ListPage<Item> => {
    requests++;
    const start = opts.ignorePage ? 0 : (n - 1) * perPage;
    const result = items.slice(start, start + perPage);
    const result_info = { page: n, per_page: perPage, ...(opts.total === false ? {} : { total_count: items.length }) };
    const page = { result, result_info, getNextPage: async () => make(n + 1) };
    return Object.assign(page, { body: opts.body?.(n) ?? { success: true, result, result_info } });
  };
  return { first: async () => make(1), requests: () => requests };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));

describe("collectPages", () => {
  it.each<[number, number, boolean, number]>([
    [0, 10, true, 1],
    [10, 10, true, 1],
    [11, 10, true, 2],
    [25, 10, true, 3],
    [10, 10, false, 2],
    [25, 10, false, 4],
  ])("%i items at %i a page (total_count: %s) take %i requests", async (n, per, total, expected) => {
    const p = pages(items(n), per, { total });
    expect(await collectPages(p.first())).toEqual(items(n));
    expect(p.requests()).toBe(expected);
  });

  it("refuses a server that ignores `page` instead of looping forever", async () => {
    const p = pages(items(25), 10, { total: false, ignorePage: true });
    await expect(collectPages(p.first())).rejects.toThrow(InvalidResponseError);
    expect(p.requests()).toBe(2);
  });

  it.each([
    ["an HTML body", "<html>oops</html>"],
    ["success: false", { success: false, result: [] }],
    ["no result array", { success: true }],
  ])("refuses %s rather than reading an empty list", async (_label, body) => {
    await expect(collectPages(pages(items(3), 10, { body: () => body }).first())).rejects.toThrow(InvalidResponseError);
  });
});
