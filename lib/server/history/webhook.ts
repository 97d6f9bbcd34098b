// The optional outbound webhook (DNSDRIFT_WEBHOOK_URL): Slack-compatible JSON (`text` plus
// `blocks`) when a hostname or record newly drifts (not for drift found on the very first
// look). One message per drift: the same item in the same bad state is not announced again
// until it has recovered. Deliveries are queued and
// retried with exponential backoff (honouring Retry-After); they never block the history. The
// message holds names, states and causes only; known secrets are redacted from it as a last
// guard, and the URL itself (a secret for Slack) is never logged.

import { redactSecrets } from "../../cloudflare/token";
import type { HistoryEntry } from "./store";

/** States that are drift worth telling someone about. */
export const DRIFT_STATES = new Set(["missing", "drifted", "blocked", "orphaned", "other-owner", "gone"]);

export interface WebhookOptions {
  url: string;
  fetch?: typeof fetch;
  /** Attempts per message, the first included. Default 5. */
  attempts?: number;
  /** First retry delay (ms), doubled each time. Default 1000. */
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Values never to send (tokens). */
  secrets?: readonly string[];
  log?: (msg: string) => void;
  /** Link target for the hostname pages, e.g. the dashboard's public URL. */
  dashboardUrl?: string;
}

export interface WebhookNotifier {
  notify(entries: HistoryEntry[]): void;
  /** Resolves when every queued message was delivered or given up. */
  idle(): Promise<void>;
  stats(): { sent: number; failed: number; suppressed: number };
}

const stateOf = (to: string) => to.split(" (")[0];
const keyOf = (e: Pick<HistoryEntry, "instance" | "hostname" | "type">) => `${e.instance}\u0000${e.hostname}\u0000${e.type ?? ""}`;

function line(e: HistoryEntry, dashboardUrl?: string): string {
  const what = `${e.type ? `${e.type} ` : ""}${e.hostname}`;
  const link = dashboardUrl ? `<${dashboardUrl.replace(/\/$/, "")}/hostnames/${encodeURIComponent(e.hostname)}|${what}>` : what;
  const causes = e.causes.slice(0, 3).map((c) => {
    const who = c.manager ?? c.actor;
    return `• ${c.message}${who ? ` (by ${who}${c.via ? ` via ${c.via}` : ""})` : ""}`;
  });
  return [`*${link}* is now *${e.to}* (was ${e.from}) — ${e.instance}`, ...causes].join("\n");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createWebhookNotifier(opts: WebhookOptions): WebhookNotifier {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const log = opts.log ?? ((m) => console.warn(m));
  const announced = new Map<string, string>();
  const counts = { sent: 0, failed: 0, suppressed: 0 };
  let queue: Promise<void> = Promise.resolve();

  async function deliver(body: string): Promise<void> {
    const attempts = opts.attempts ?? 5;
    for (let n = 1; n <= attempts; n++) {
      let wait = (opts.baseDelayMs ?? 1000) * 2 ** (n - 1);
      try {
        const res = await doFetch(opts.url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": "dnsdrift" },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        if (res.ok) {
          counts.sent++;
          return;
        }
        // 4xx other than 429 will not get better by asking again.
        if (res.status < 500 && res.status !== 429) {
          log(`dnsdrift: the webhook refused a message (HTTP ${res.status}); not retried`);
          counts.failed++;
          return;
        }
        const retryAfter = Number(res.headers.get("retry-after"));
        if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.max(wait, retryAfter * 1000);
        log(`dnsdrift: the webhook answered HTTP ${res.status} (attempt ${n} of ${attempts})`);
      } catch (e) {
        log(`dnsdrift: the webhook could not be reached: ${(e as Error).name} (attempt ${n} of ${attempts})`);
      }
      if (n < attempts) await sleep(wait);
    }
    counts.failed++;
  }

  return {
    notify(entries) {
      const fresh: HistoryEntry[] = [];
      for (const e of entries) {
        const key = keyOf(e);
        const state = stateOf(e.to);
        if (!DRIFT_STATES.has(state)) {
          announced.delete(key);
          continue;
        }
        if (announced.get(key) === state) {
          counts.suppressed++;
          continue;
        }
        announced.set(key, state);
        // Drift already there when dnsdrift first looked is not new: no flood on installation.
        if (e.from === "unknown") {
          counts.suppressed++;
          continue;
        }
        fresh.push(e);
      }
      if (!fresh.length) return;
      const lines = fresh.slice(0, 20).map((e) => line(e, opts.dashboardUrl));
      const more = fresh.length > 20 ? `\n…and ${fresh.length - 20} more` : "";
      const text = redactSecrets(`:warning: dnsdrift: ${fresh.length === 1 ? "new drift" : `${fresh.length} new drifts`}\n${lines.join("\n")}${more}`, opts.secrets ?? []);
      const blocks = [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } }];
      const body = JSON.stringify({ text, blocks });
      queue = queue.then(() => deliver(body));
    },
    idle: () => queue,
    stats: () => ({ ...counts }),
  };
}
