import { describe, expect, it } from "vitest";
import { historyResponse } from "./http";
import { HistoryStore } from "./store";

const store = HistoryStore.open(":memory:", { days: 3650, rows: 1000 }, () => Date.parse("2026-02-01T00:00:00Z"));
store.record({ instance: "i", at: "x", items: {}, objects: {} }, [
  { at: "2026-01-01T14:02:00Z", instance: "i", hostname: "web.example.com", from: "unknown", to: "missing", causes: [{ code: "pending-create", message: "m", resource: "httproute/default/web" }] },
  { at: "2026-01-02T09:00:00Z", instance: "i", hostname: "app.example.com", type: "CNAME", from: "in-sync", to: "drifted", causes: [] },
]);

async function get(query: string) {
  const res = historyResponse(new URL(`http://x/api/history?${query}`), store);
  return { status: res.status, body: await res.json() };
}

describe("GET /api/history", () => {
  it("answers the documented shape, newest first", async () => {
    const { status, body } = await get("");
    expect(status).toBe(200);
    expect(body.entries.map((e: { hostname: string }) => e.hostname)).toEqual(["app.example.com", "web.example.com"]);
    expect(body.entries[1]).toMatchObject({ at: "2026-01-01T14:02:00Z", hostname: "web.example.com", from: "unknown", to: "missing", causes: [{ code: "pending-create", message: "m", resource: "httproute/default/web" }] });
    expect(body.entries[0].type).toBe("CNAME");
    expect(body.nextBefore).toBeNull();
  });

  it("normalises the hostname (case, trailing dot)", async () => {
    const { body } = await get("hostname=WEB.example.com.");
    expect(body.entries).toHaveLength(1);
  });

  it("filters by since and pages by limit", async () => {
    expect((await get("since=2026-01-02")).body.entries).toHaveLength(1);
    const page = await get("limit=1");
    expect(page.body.entries).toHaveLength(1);
    expect(page.body.nextBefore).toBe(page.body.entries[0].id);
  });

  it.each([
    ["limit=0", /limit/],
    ["limit=501", /limit/],
    ["limit=abc", /limit/],
    ["since=yesterday", /since must be an ISO 8601 date/],
    ["hostname=bad host!", /hostname must be a DNS name/],
    [`hostname=${"a".repeat(64)}.example.com`, /hostname must be a DNS name/],
    ["before=-3", /before/],
    ["host=web.example.com", /unknown parameter "host"/],
  ])("refuses %s with a 400 naming the parameter", async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid-request");
    expect(body.error.message).toMatch(message);
  });

  it("answers 503 when there is no history", async () => {
    expect(historyResponse(new URL("http://x/api/history"), undefined).status).toBe(503);
  });
});
