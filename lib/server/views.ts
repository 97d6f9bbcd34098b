// Everything the API shows, derived once per computation of the world: each instance's state
// (objects, records with their states, hostnames), the orders the records view sorts by, and
// the serialised answers themselves. A hundred clients polling the same page share
// one copy; a new computation starts a new set and the old one is garbage.

import type { HostnameView, InstanceState, RecordView, RouteView } from "../api/types";
import { sortRecords, type SortColumn } from "../drift/record-query";
import { instanceState, instanceStateSteps } from "../drift/state";
import { bodyCache, type CachedBody } from "./etag";
import type { DohService } from "./doh";
import type { LRUCache } from "lru-cache";
import type { Computed, InstanceResult } from "./world";

export class InstanceViews {
  private _state?: InstanceState;
  private _hostnames?: Map<string, HostnameView>;
  private _recordsByHost?: Map<string, RecordView[]>;
  private _routes?: Map<string, RouteView[]>;
  private _routeParents?: Map<string, string>;
  private readonly sorted = new Map<string, RecordView[]>();
  private lookupsSeen = -1;

  constructor(
    readonly computed: Computed,
    readonly ir: InstanceResult,
  ) {}

  get id(): string {
    return this.ir.instance.id;
  }

  /**
   * Builds the state and its indexes a step at a time, letting other requests in between, so
   * the next computation can be made ready while readers are still served from the last one.
   */
  async prepare(): Promise<void> {
    if (!this._state) {
      const steps = instanceStateSteps(this.ir.instance.id, this.ir.instance.origin, this.ir.result);
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          this._state ??= r.value;
          break;
        }
        await yieldToLoop();
      }
    }
    this.hostname("");
    await yieldToLoop();
    this.recordsOf("");
    this.routesOf("");
    this.gatewayOfRoute("");
    await yieldToLoop();
    this.sortedRecords("name", false);
  }

  get state(): InstanceState {
    this._state ??= instanceState(this.ir.instance.id, this.ir.instance.origin, this.ir.result);
    return this._state;
  }

  /** Folds the latest public-DNS verdicts into the hostname rows (cheap; only when new ones landed). */
  withLookups(doh: DohService): InstanceState {
    const st = this.state;
    if (doh.version !== this.lookupsSeen) {
      for (const h of st.hostnames) {
        const l = doh.lastLookup(this.id, h.name);
        if (l) h.lookup = { verdict: l.verdict, checkedAt: l.checkedAt };
      }
      this.lookupsSeen = doh.version;
    }
    return st;
  }

  hostname(name: string): HostnameView | undefined {
    this._hostnames ??= new Map(this.state.hostnames.map((h) => [h.name, h]));
    return this._hostnames.get(name);
  }

  /** The records at a name and the ownership TXTs claiming it. */
  recordsOf(name: string): RecordView[] {
    if (!this._recordsByHost) {
      const m = new Map<string, RecordView[]>();
      for (const r of this.state.records) {
        for (const key of new Set([r.name, r.ownershipOf?.name].filter((x): x is string => Boolean(x)))) {
          const list = m.get(key);
          if (list) list.push(r);
          else m.set(key, [r]);
        }
      }
      this._recordsByHost = m;
    }
    return this._recordsByHost.get(name) ?? [];
  }

  /** Routes per Gateway resource; "" holds the routes with no known Gateway. */
  routesOf(gateway: string): RouteView[] | undefined {
    if (!this._routes) {
      this._routes = new Map(this.state.gateways.map((g) => [g.resource, g.routes]));
      this._routes.set("", this.state.orphanRoutes);
    }
    return this._routes.get(gateway);
  }

  /** The Gateway ("" for none) a route is listed under, by the route's resource. */
  gatewayOfRoute(route: string): string | undefined {
    if (!this._routeParents) {
      this._routeParents = new Map();
      for (const g of this.state.gateways) for (const r of g.routes) if (!this._routeParents.has(r.resource)) this._routeParents.set(r.resource, g.resource);
      for (const r of this.state.orphanRoutes) if (!this._routeParents.has(r.resource)) this._routeParents.set(r.resource, "");
    }
    return this._routeParents.get(route);
  }

  sortedRecords(sort: SortColumn, desc: boolean): RecordView[] {
    const key = `${sort}:${desc}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = sortRecords(this.state.records, sort, desc);
      this.sorted.set(key, list);
    }
    return list;
  }
}

export interface Views {
  computed: Computed;
  instances: InstanceViews[];
  /** Serialised answers by request key. */
  bodies: LRUCache<string, CachedBody>;
}

/** Lets pending I/O (other requests) run before the next piece of work. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The views of each computation, held by the runtime: whoever prepares them (the World, after a
 * refresh) and whoever reads them (the route handlers) must share one cache.
 */
export class ViewCache {
  private readonly cache = new WeakMap<Computed, Views>();

  /** Everything the pages read, built before the computation is published (World's `prepare`). */
  async prepare(c: Computed): Promise<void> {
    for (const iv of this.of(c).instances) await iv.prepare();
  }

  of(c: Computed): Views {
    let v = this.cache.get(c);
    if (!v) {
      v = { computed: c, instances: c.instances.map((ir) => new InstanceViews(c, ir)), bodies: bodyCache() };
      this.cache.set(c, v);
    }
    return v;
  }
}

/** The instance ?instance= names, else the first; undefined when it names none. */
export function pickInstanceViews(v: Views, id: string | null): InstanceViews | undefined {
  return id ? v.instances.find((i) => i.id === id) : v.instances[0];
}

/** A cached answer, built (and serialised) on first request. */
export function memo(v: Views, key: string, build: () => unknown, etagOf: (body: string) => string): CachedBody {
  let hit = v.bodies.get(key);
  if (!hit) {
    const body = JSON.stringify(build());
    hit = { body, etag: etagOf(body) };
    v.bodies.set(key, hit);
  }
  return hit;
}
