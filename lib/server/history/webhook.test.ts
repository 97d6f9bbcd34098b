// The webhook against a real HTTP receiver on loopback: Slack-compatible body, one message per
// drift until it recovers, retries with backoff on 5xx and 429, no retry on 4xx, no secrets.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HistoryEntry } from "./store";
import { createWebhookNotifier } from "./webhook";

const TOKEN = "cf-secret-token-0123456789abcdef0123";
let server: http.Server;
let url: string;
let received: { at: number; body: string }[] = [];
let answers: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ at: Date.now(), body });
      const status = answers.shift() ?? 200;
      res.writeHead(status, status === 429 ? { "retry-after": "0" } : {}).end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received = [];
  answers = [];
});

let id = 0;
const entry = (hostname: string, to: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: ++id,
  at: "2026-01-01T14:02:00Z",
  instance: "networking/external-dns",
  hostname,
  from: "in-sync",
  to,
  causes: [{ code: "record-changed", message: `CNAME ${hostname} changed at Cloudflare: proxied true → false (token ${TOKEN})`, resource: `record/CNAME/${hostname}`, actor: "ops@example.com", via: "dashboard" }],
  ...extra,
});

describe("webhook", () => {
  it("posts Slack-compatible JSON for new drift, without secrets", async () => {
    const hook = createWebhookNotifier({ url, secrets: [TOKEN], baseDelayMs: 1 });
    hook.notify([entry("app.example.com", "drifted", { type: "CNAME" })]);
    await hook.idle();
    expect(received).toHaveLength(1);
    const body = JSON.parse(received[0].body);
    expect(typeof body.text).toBe("string");
    expect(body.text).toContain("CNAME app.example.com");
    expect(body.text).toContain("is now *drifted*");
    expect(body.text).toContain("by ops@example.com via dashboard");
    expect(body.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(received[0].body).not.toContain(TOKEN);
  });

  it("deduplicates: the same drift is sent once until the item recovers", async () => {
    const hook = createWebhookNotifier({ url, baseDelayMs: 1 });
    hook.notify([entry("web.example.com", "missing")]);
    hook.notify([entry("web.example.com", "missing")]);
    hook.notify([entry("ok.example.com", "in-sync")]);
    await hook.idle();
    expect(received).toHaveLength(1);
    expect(hook.stats()).toMatchObject({ sent: 1, suppressed: 1 });
    hook.notify([entry("web.example.com", "in-sync")]);
    hook.notify([entry("web.example.com", "missing")]);
    await hook.idle();
    expect(received).toHaveLength(2);
  });

  it("does not announce drift that was already there on the first look", async () => {
    const hook = createWebhookNotifier({ url, baseDelayMs: 1 });
    hook.notify([entry("first.example.com", "missing", { from: "unknown" })]);
    await hook.idle();
    expect(received).toHaveLength(0);
  });

  it("retries 5xx and 429 with growing delays, then delivers", async () => {
    answers = [500, 429, 503];
    const hook = createWebhookNotifier({ url, baseDelayMs: 20, log: () => {} });
    hook.notify([entry("a.example.com", "missing")]);
    await hook.idle();
    expect(received).toHaveLength(4);
    const gaps = received.slice(1).map((r, i) => r.at - received[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    expect(hook.stats()).toMatchObject({ sent: 1, failed: 0 });
  });

  it("gives up after the last attempt, and does not retry a 4xx", async () => {
    answers = [500, 500, 500];
    const failing = createWebhookNotifier({ url, attempts: 3, baseDelayMs: 1, log: () => {} });
    failing.notify([entry("b.example.com", "missing")]);
    await failing.idle();
    expect(received).toHaveLength(3);
    expect(failing.stats().failed).toBe(1);

    received = [];
    answers = [404];
    const refused = createWebhookNotifier({ url, baseDelayMs: 1, log: () => {} });
    refused.notify([entry("c.example.com", "missing")]);
    await refused.idle();
    expect(received).toHaveLength(1);
  });

  it("survives a receiver that is not there", async () => {
    const logs: string[] = [];
    const hook = createWebhookNotifier({ url: "http://127.0.0.1:1/hook", attempts: 2, baseDelayMs: 1, log: (m) => logs.push(m) });
    hook.notify([entry("d.example.com", "missing")]);
    await hook.idle();
    expect(hook.stats().failed).toBe(1);
    expect(logs.join("\n")).not.toContain("127.0.0.1:1");
  });
});
