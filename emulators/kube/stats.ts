// Request accounting for tests: counts per verb and resource, plus the most recent requests.

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  verb?: string;
  resource?: string;
  status: number;
  userAgent?: string;
}

const RECENT = 500;

export class RequestLog {
  total = 0;
  private readonly byVerb = new Map<string, number>();
  private readonly byResource = new Map<string, number>();
  private recent: RequestRecord[] = [];

  record(r: RequestRecord): void {
    this.total++;
    if (r.verb) this.byVerb.set(r.verb, (this.byVerb.get(r.verb) ?? 0) + 1);
    if (r.resource) {
      const k = `${r.verb ?? "?"} ${r.resource}`;
      this.byResource.set(k, (this.byResource.get(k) ?? 0) + 1);
    }
    this.recent.push(r);
    if (this.recent.length > RECENT) this.recent = this.recent.slice(-RECENT);
  }

  snapshot(): { total: number; byVerb: Record<string, number>; byResource: Record<string, number>; recent: RequestRecord[] } {
    return {
      total: this.total,
      byVerb: Object.fromEntries(this.byVerb),
      byResource: Object.fromEntries(this.byResource),
      recent: [...this.recent],
    };
  }

  clear(): void {
    this.total = 0;
    this.byVerb.clear();
    this.byResource.clear();
    this.recent = [];
  }
}
