// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: lists and single objects as a
// meta.k8s.io Table with the kind's printer columns, which is what `kubectl get` asks for.

import { columnsFor } from "./printers";
import type { ResourceDef } from "./resources";
import type { KubeObject } from "./store";

/** The Table version the client accepts (v1 preferred), or undefined for a plain object. */
export function tableVersion(accept: string | undefined): string | undefined {
  const offers = (accept ?? "").split(",").map((t) => t.trim().split(";").map((p) => p.trim()));
  const tables = offers.filter((o) => o.includes("as=Table") && o.includes("g=meta.k8s.io"));
  if (tables.some((o) => o.includes("v=v1"))) return "v1";
  if (tables.some((o) => o.includes("v=v1beta1"))) return "v1beta1";
  return undefined;
}

export interface TableOptions {
  version: string;
  /** ?includeObject=None|Metadata|Object (default Metadata). */
  includeObject?: string | null;
  listMeta?: Record<string, unknown>;
  now?: Date;
}

export function toTable(def: ResourceDef, objects: KubeObject[], opts: TableOptions): Record<string, unknown> {
  const now = opts.now ?? new Date();
  const columns = columnsFor(def);
  const include = opts.includeObject ?? "Metadata";
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: opts.listMeta ?? {},
    columnDefinitions: columns.map((c) => ({ name: c.name, type: c.type, format: c.name === "Name" ? "name" : "", description: c.description, priority: c.priority })),
    rows: objects.map((o) => {
      const row: Record<string, unknown> = { cells: columns.map((c) => c.cell(o, now)) };
      if (include === "Object") row.object = o;
      else if (include !== "None") row.object = { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${opts.version}`, metadata: o.metadata };
      return row;
    }),
  };
}
