// Who set a field: the object's metadata.managedFields entry (kube-apiserver's record of field
// managers) whose FieldsV1 set holds the field, newest first. A field that was removed is owned
// by nobody any more; its parent's latest manager is the best answer, and is marked as such.

export interface FieldOwner {
  manager: string;
  /** "Update" or "Apply". */
  operation: string;
  time?: string;
  subresource?: string;
  /** True when the field itself has no owner (it was removed) and its parent's was taken. */
  inferred?: boolean;
}

interface Entry {
  manager?: string;
  operation?: string;
  time?: string | Date;
  subresource?: string;
  fieldsV1?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function holds(fieldsV1: unknown, path: string[]): boolean {
  let node: unknown = fieldsV1;
  for (const seg of path) {
    if (!isObject(node)) return false;
    node = node[`f:${seg}`];
  }
  return isObject(node);
}

function timeOf(e: Entry): string | undefined {
  if (e.time instanceof Date) return e.time.toISOString().replace(/\.\d+Z$/, "Z");
  return typeof e.time === "string" ? e.time : undefined;
}

function newest(entries: Entry[], path: string[]): Entry | undefined {
  return entries
    .filter((e) => typeof e.manager === "string" && holds(e.fieldsV1, path))
    .sort((a, b) => (timeOf(b) ?? "").localeCompare(timeOf(a) ?? ""))[0];
}

/** The manager of `field` (path of field names, e.g. ["metadata","labels","app"]), if known. */
export function fieldOwner(managedFields: unknown, field: string[]): FieldOwner | undefined {
  const entries = (Array.isArray(managedFields) ? managedFields : []).filter(isObject) as Entry[];
  let found = newest(entries, field);
  let inferred = false;
  for (let n = field.length - 1; !found && n > 0; n--) {
    found = newest(entries, field.slice(0, n));
    inferred = true;
  }
  if (!found) return undefined;
  const time = timeOf(found);
  return {
    manager: found.manager!,
    operation: found.operation ?? "Update",
    ...(time ? { time } : {}),
    ...(found.subresource ? { subresource: found.subresource } : {}),
    ...(inferred ? { inferred } : {}),
  };
}
