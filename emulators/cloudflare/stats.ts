// Request accounting, so benchmarks can report "Cloudflare calls per refresh" and tests can
// assert the exact query strings a client sent. Admin requests are not counted.

export interface RequestLogEntry {
  method: string;
  route: string;
  path: string;
  query: string;
  status: number;
}

export interface StatsSnapshot {
  total: number;
  /** Keyed by `METHOD /route/template`, e.g. `GET /zones/:zone_id/dns_records`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** The most recent requests, oldest first. */
  recent: RequestLogEntry[];
}

const RECENT_MAX = 1000;

export class Stats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private recent: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.total++;
    const key = `${entry.method} ${entry.route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    this.byStatus.set(String(entry.status), (this.byStatus.get(String(entry.status)) ?? 0) + 1);
    this.recent.push(entry);
    if (this.recent.length > RECENT_MAX) this.recent.splice(0, this.recent.length - RECENT_MAX);
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries(this.byStatus),
      recent: this.recent.map((e) => ({ ...e })),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.recent = [];
  }
}
