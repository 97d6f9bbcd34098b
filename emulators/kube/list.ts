// List requests: selectors, and limit/continue paging served from a snapshot taken at the
// first page, so every page belongs to the same resourceVersion like on a real server.

import { randomUUID } from "node:crypto";
import { present } from "./present";
import { groupVersion, type ResourceDef } from "./resources";
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors";
import { errors } from "./status";
import type { KubeObject, ObjectStore } from "./store";

export interface ListBody {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: Record<string, unknown>[];
}

interface Snapshot {
  items: KubeObject[];
  rv: number;
}

const MAX_SNAPSHOTS = 100;

interface ContinueToken {
  id: string;
  offset: number;
}

function encodeToken(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString("base64url");
}

function decodeToken(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Partial<ContinueToken>;
    if (typeof t.id === "string" && typeof t.offset === "number" && t.offset >= 0) return { id: t.id, offset: t.offset };
  } catch {
    // fall through to the error below
  }
  throw errors.badRequest(`continue key is not valid: ${s}`);
}

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw errors.badRequest(`limit: invalid value '${raw}'`);
  return n;
}

export class Lister {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly store: ObjectStore) {}

  list(def: ResourceDef, version: string, namespace: string | undefined, query: URLSearchParams): ListBody {
    const limit = parseLimit(query.get("limit"));
    const token = query.get("continue");
    let snapshot: Snapshot;
    let offset = 0;
    let id: string;
    if (token) {
      const t = decodeToken(token);
      const found = this.snapshots.get(t.id);
      if (!found) {
        throw errors.expired(
          "The provided continue parameter is too old to display a consistent list result. " +
            "You can start a new list without the continue parameter.",
        );
      }
      ({ id, offset } = t);
      snapshot = found;
    } else {
      const labels = parseLabelSelector(query.get("labelSelector") ?? undefined);
      const fields = parseFieldSelector(query.get("fieldSelector") ?? undefined, def.fieldSelectors);
      const items = this.store
        .list(def, namespace)
        .filter((o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o));
      snapshot = { items, rv: this.store.resourceVersion };
      id = randomUUID();
    }
    const end = limit > 0 ? Math.min(offset + limit, snapshot.items.length) : snapshot.items.length;
    const body: ListBody = {
      apiVersion: groupVersion(def.group, version),
      kind: `${def.kind}List`,
      metadata: { resourceVersion: String(snapshot.rv) },
      items: snapshot.items.slice(offset, end).map((o) => present(o, def, version, true)),
    };
    if (end < snapshot.items.length) {
      body.metadata.continue = encodeToken({ id, offset: end });
      body.metadata.remainingItemCount = snapshot.items.length - end;
      this.remember(id, snapshot);
    }
    return body;
  }

  /** Invalidates every outstanding continue token (they answer 410 afterwards). */
  forget(): void {
    this.snapshots.clear();
  }

  private remember(id: string, snapshot: Snapshot): void {
    this.snapshots.delete(id);
    this.snapshots.set(id, snapshot);
    while (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }
}
