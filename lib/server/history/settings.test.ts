import path from "node:path";
import { describe, expect, it } from "vitest";
import { historySettingsFromEnv } from "../settings";

describe("history settings", () => {
  it("defaults: history.db beside the audit database, 30 days, 50000 rows, audit logs read, no webhook", () => {
    expect(historySettingsFromEnv({ DNSDRIFT_AUDIT_DB: "/data/audit.db" })).toEqual({
      db: path.resolve("/data/history.db"),
      retentionDays: 30,
      maxRows: 50_000,
      cloudflareAuditLogs: true,
    });
    expect(historySettingsFromEnv({ DNSDRIFT_AUDIT_DB: ":memory:" }).db).toBe(":memory:");
  });

  it("takes the variables", () => {
    expect(
      historySettingsFromEnv({
        DNSDRIFT_HISTORY_DB: "/var/h.db",
        DNSDRIFT_HISTORY_RETENTION_DAYS: "7",
        DNSDRIFT_HISTORY_MAX_ROWS: "1000",
        DNSDRIFT_WEBHOOK_URL: "https://hooks.example.com/x",
        DNSDRIFT_CLOUDFLARE_AUDIT_LOGS: "off",
      }),
    ).toEqual({ db: "/var/h.db", retentionDays: 7, maxRows: 1000, webhookUrl: "https://hooks.example.com/x", cloudflareAuditLogs: false });
  });

  it.each([
    [{ DNSDRIFT_HISTORY_RETENTION_DAYS: "0" }, /DNSDRIFT_HISTORY_RETENTION_DAYS must be a whole number ≥ 1, got "0"/],
    [{ DNSDRIFT_HISTORY_MAX_ROWS: "many" }, /DNSDRIFT_HISTORY_MAX_ROWS must be a whole number ≥ 1, got "many"/],
    [{ DNSDRIFT_WEBHOOK_URL: "ftp://x" }, /DNSDRIFT_WEBHOOK_URL must be an http\(s\) URL/],
    [{ DNSDRIFT_WEBHOOK_URL: "not a url" }, /DNSDRIFT_WEBHOOK_URL must be an http\(s\) URL/],
  ])("refuses %o", (env, message) => {
    expect(() => historySettingsFromEnv(env)).toThrow(message);
  });

  it("never repeats the webhook URL in its error (it is a secret for Slack)", () => {
    expect(() => historySettingsFromEnv({ DNSDRIFT_WEBHOOK_URL: "hooks.slack.com/services/T000/B000/SECRET" })).toThrow(/^(?!.*SECRET)/);
  });
});
