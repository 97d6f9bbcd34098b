// Walking a Cloudflare v4 list (zones, DNS records) page by page with one request per page.
// The SDK's own auto-pagination asks for page N+1 until a page comes back empty, so a complete
// listing always ends with one wasted request. Here the walk also stops once the pages seen
// hold `result_info.total_count` distinct items. When result_info has no usable total_count
// the SDK's rule (stop on an empty page) is all that is left.

import { InvalidResponseError } from "./api-errors";

/** The parts of the SDK's V4PagePaginationArray the walk uses. */
export interface ListPage<T> {
  result: T[];
  result_info: { page?: number; per_page?: number; total_count?: number };
  getNextPage(): Promise<ListPage<T>>;
}

/** Pages beyond this mean a server that never stops (e.g. one that ignores `page`). */
const MAX_PAGES = 10_000;

/**
 * The SDK turns any 2xx body into a page; an HTML error page served with 200 would read as an
 * empty, final page, i.e. "this zone has no records". Refuse anything that is not an envelope.
 */
function checkEnvelope(page: ListPage<unknown>, n: number): void {
  const body = (page as unknown as { body?: unknown }).body;
  const ok =
    typeof body === "object" &&
    body !== null &&
    (body as { success?: unknown }).success !== false &&
    Array.isArray((body as { result?: unknown }).result);
  if (!ok) throw new InvalidResponseError(`page ${n} of the listing is not a Cloudflare API response`);
}

function totalCount(page: ListPage<unknown>): number | undefined {
  const t = page.result_info?.total_count;
  return typeof t === "number" && Number.isInteger(t) && t >= 0 ? t : undefined;
}

/**
 * Every item of the listing, in order, de-duplicated by `id` (offset pages can repeat an item
 * when the list changes between two requests). Each page fetched is one HTTP request.
 */
export async function collectPages<T extends { id?: string }>(first: Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  const ids = new Set<string>();
  let page = await first;
  for (let n = 1; ; n++) {
    checkEnvelope(page, n);
    let added = 0;
    for (const item of page.result) {
      if (item.id !== undefined) {
        if (ids.has(item.id)) continue;
        ids.add(item.id);
      }
      items.push(item);
      added++;
    }
    if (page.result.length === 0) return items;
    const total = totalCount(page);
    if (total !== undefined && items.length >= total) return items;
    if (added === 0) throw new InvalidResponseError(`page ${n} of the listing repeats earlier pages; the server ignores \`page\``);
    if (n >= MAX_PAGES) throw new InvalidResponseError(`the listing did not end after ${MAX_PAGES} pages`);
    page = await page.getNextPage();
  }
}
