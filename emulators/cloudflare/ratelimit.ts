// The account-wide request budget (BEHAVIOUR.md §6: 1,200 requests per 300 s). Every
// authenticated answer reports it in x-ratelimit-* headers; when enforced, every call past the
// limit is refused with 429 until the window ends.

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

/** Cloudflare's own budget per user. */
export const DEFAULT_BUDGET: RateLimitConfig = { limit: 1200, windowSeconds: 300 };

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets, rounded up. */
  resetIn: number;
}

export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  hit(): RateLimitVerdict {
    const t = this.now();
    const windowMs = this.config.windowSeconds * 1000;
    if (t - this.windowStart >= windowMs) {
      this.windowStart = t;
      this.used = 0;
    }
    this.used++;
    const resetIn = Math.max(1, Math.ceil((this.windowStart + windowMs - t) / 1000));
    const remaining = Math.max(0, this.config.limit - this.used);
    return { allowed: this.used <= this.config.limit, limit: this.config.limit, remaining, resetIn };
  }
}

/** The response headers of a 429 (BEHAVIOUR.md §6). */
export function rateLimitHeaders(limit: number, remaining: number, retryAfter: number): Record<string, string> {
  return { "retry-after": String(retryAfter), ...budgetHeaders({ limit, remaining, resetIn: retryAfter }) };
}

/** The budget headers every authenticated answer carries. */
export function budgetHeaders(v: Pick<RateLimitVerdict, "limit" | "remaining" | "resetIn">): Record<string, string> {
  return {
    "x-ratelimit-limit": String(v.limit),
    "x-ratelimit-remaining": String(v.remaining),
    "x-ratelimit-reset": new Date(Date.now() + v.resetIn * 1000).toUTCString(),
  };
}
