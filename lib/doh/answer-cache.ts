// A resolver-side style cache for DoH answers: positive answers live as long as their shortest
// TTL, negative ones (NXDOMAIN/NODATA) as long as RFC 2308 says, both capped so the dashboard
// never shows something older than a few minutes. Failures are never cached.

import type { DohAnswer } from "./types";

export interface CacheLimits {
  /** Cap on a positive answer's lifetime (s). */
  maxTtl: number;
  /** Cap on a negative answer's lifetime (s). */
  maxNegativeTtl: number;
  maxEntries: number;
}

/** Seconds an answer may be reused; 0 means "do not cache". */
export function cacheLifetime(answer: DohAnswer, limits: Pick<CacheLimits, "maxTtl" | "maxNegativeTtl">): number {
  if (answer.error || answer.rcode === null) return 0;
  if (answer.rcode === "NOERROR" && answer.answers.length > 0) {
    return Math.min(limits.maxTtl, Math.min(...answer.answers.map((r) => r.ttl)));
  }
  if (answer.rcode === "NXDOMAIN" || answer.rcode === "NOERROR") {
    // Without an SOA, RFC 2308 §5 says a negative answer should not be cached at all.
    return answer.authorityMinTtl === undefined ? 0 : Math.min(limits.maxNegativeTtl, answer.authorityMinTtl);
  }
  return 0;
}

interface Entry {
  answer: DohAnswer;
  storedAt: number;
  expiresAt: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: CacheLimits) {}

  static key(resolverId: string, name: string, type: string): string {
    return `${resolverId}\u0000${name}\u0000${type.toUpperCase()}`;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stored answer with TTLs aged like a resolver would, or undefined when absent or expired. */
  get(key: string, now: number): DohAnswer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now >= e.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    const age = Math.floor((now - e.storedAt) / 1000);
    const a = e.answer;
    const out: DohAnswer = {
      ...a,
      answers: a.answers.map((r) => ({ ...r, ttl: Math.max(0, r.ttl - age) })),
      elapsedMs: 0,
      cached: true,
    };
    if (a.authorityMinTtl !== undefined) out.authorityMinTtl = Math.max(0, a.authorityMinTtl - age);
    return out;
  }

  put(key: string, answer: DohAnswer, now: number): void {
    const life = cacheLifetime(answer, this.limits);
    this.entries.delete(key);
    if (life <= 0) return;
    if (this.entries.size >= this.limits.maxEntries) {
      // Map keeps insertion order: the first key is the oldest write.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { answer, storedAt: now, expiresAt: now + life * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }
}
