// A meter of Cloudflare API calls per 5-minute window, shared by everything that calls
// Cloudflare (reads and writes go through its fetch). Cloudflare allows 1,200 requests per
// 5 minutes per user, and external-dns may be spending the same token, so dnsdrift keeps to a
// budget of its own: past the soft limit it stops honouring forced refreshes and stretches the
// refresh interval; at the budget it stops calling until the window frees up. A 429 from
// Cloudflare, or an exhausted budget, also disables writes (an apply half-sent is worse than none).

export const WINDOW_MS = 5 * 60 * 1000;
/** How much longer data is reused past the soft limit. */
const STRETCH = 4;

export interface BudgetOptions {
  /** Calls per window dnsdrift allows itself. */
  limit: number;
  /** Calls after which it backs off (default half the limit). */
  softLimit?: number;
  windowMs?: number;
  now?: () => number;
}

export type BudgetLevel = "ok" | "backing-off" | "exhausted";

export interface BudgetStatus {
  used: number;
  limit: number;
  softLimit: number;
  windowSeconds: number;
  level: BudgetLevel;
  /** While Cloudflare has told us to wait (HTTP 429). */
  rateLimitedUntil?: string;
}

export class CloudflareBudget {
  readonly limit: number;
  readonly softLimit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private calls: number[] = [];
  private rateLimitedUntilMs = 0;

  constructor(opts: BudgetOptions) {
    this.limit = opts.limit;
    this.softLimit = Math.min(opts.softLimit ?? Math.floor(opts.limit / 2), opts.limit);
    this.windowMs = opts.windowMs ?? WINDOW_MS;
    this.now = opts.now ?? Date.now;
  }

  record(n = 1): void {
    const t = this.now();
    for (let i = 0; i < n; i++) this.calls.push(t);
  }

  /** Cloudflare answered 429: nothing more is asked (and nothing written) until it said we may. */
  rateLimited(retryAfterSeconds?: number): void {
    const wait = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : 60;
    this.rateLimitedUntilMs = Math.max(this.rateLimitedUntilMs, this.now() + wait * 1000);
  }

  used(): number {
    const since = this.now() - this.windowMs;
    let drop = 0;
    while (drop < this.calls.length && this.calls[drop] <= since) drop++;
    if (drop > 0) this.calls.splice(0, drop);
    return this.calls.length;
  }

  level(): BudgetLevel {
    const used = this.used();
    return used >= this.limit ? "exhausted" : used >= this.softLimit ? "backing-off" : "ok";
  }

  isRateLimited(): boolean {
    return this.now() < this.rateLimitedUntilMs;
  }

  /** Whether a listing may be made now at all. */
  allowsCalls(): boolean {
    return this.level() !== "exhausted" && !this.isRateLimited();
  }

  /** Whether a forced refresh (a person's Refresh, ?refresh=1) may reach Cloudflare. */
  allowsForced(): boolean {
    return this.level() === "ok" && !this.isRateLimited();
  }

  /** How long data is reused: the configured interval, stretched past the soft limit. */
  refreshIntervalMs(baseMs: number): number {
    return this.level() === "ok" ? baseMs : baseMs * STRETCH;
  }

  /** Why writes are off now, if they are. */
  writesBlocked(): string | undefined {
    if (this.isRateLimited()) {
      return `Cloudflare is rate-limiting this token (HTTP 429) until ${new Date(this.rateLimitedUntilMs).toISOString()}; applying is refused until then`;
    }
    if (this.level() === "exhausted") {
      return `dnsdrift has used its Cloudflare budget (${this.used()} of ${this.limit} calls in 5 minutes, DNSDRIFT_CLOUDFLARE_BUDGET); applying is refused until the window frees up`;
    }
    return undefined;
  }

  status(): BudgetStatus {
    const out: BudgetStatus = { used: this.used(), limit: this.limit, softLimit: this.softLimit, windowSeconds: this.windowMs / 1000, level: this.level() };
    if (this.isRateLimited()) out.rateLimitedUntil = new Date(this.rateLimitedUntilMs).toISOString();
    return out;
  }

  /** A fetch that counts every request against the budget and notices 429 answers. */
  fetch(base: typeof fetch = globalThis.fetch): typeof fetch {
    return async (input, init) => {
      this.record();
      const res = await base(input, init);
      if (res.status === 429) this.rateLimited(Number(res.headers.get("retry-after") ?? undefined));
      return res;
    };
  }
}
