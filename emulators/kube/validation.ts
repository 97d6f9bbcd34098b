// kube-apiserver's validation for the kinds dnsdrift writes (Events, Leases) and the reviews it
// asks for, answered as a real server answers: 422 Invalid with one cause per field error and
// the message "<Kind.group> "<name>" is invalid: <field>: <what>" ("[a, b]" for several).

import type { ResourceDef } from "./resources";
import { ApiError } from "./status";

type Obj = Record<string, unknown>;

export interface FieldError {
  type: "Required" | "Invalid" | "Forbidden" | "TooLong";
  field: string;
  value?: unknown;
  detail?: string;
}

const REASON: Record<FieldError["type"], string> = {
  Required: "FieldValueRequired",
  Invalid: "FieldValueInvalid",
  Forbidden: "FieldValueForbidden",
  TooLong: "FieldValueTooLong",
};

/** Go's %#v for the values that occur here: strings quoted, numbers bare. */
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : typeof v === "number" || typeof v === "boolean" ? String(v) : v === undefined || v === null ? '""' : JSON.stringify(v));

function body(e: FieldError): string {
  switch (e.type) {
    case "Required":
      return `Required value${e.detail ? `: ${e.detail}` : ""}`;
    case "Invalid":
      return `Invalid value: ${show(e.value)}${e.detail ? `: ${e.detail}` : ""}`;
    case "Forbidden":
      return `Forbidden${e.detail ? `: ${e.detail}` : ""}`;
    case "TooLong":
      return `Too long: ${e.detail ?? ""}`;
  }
}

/** The 422 a real server sends for these field errors; `label` is "Kind.group" (or a resource). */
export function invalid(label: string, details: { name: string; group: string; kind: string }, errs: FieldError[]): ApiError {
  const parts = errs.map((e) => `${e.field}: ${body(e)}`);
  const message = `${label} "${details.name}" is invalid: ${parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`}`;
  return new ApiError(422, "Invalid", message, { ...details, causes: errs.map((e) => ({ reason: REASON[e.type], message: body(e), field: e.field })) });
}

export const kindLabel = (def: Pick<ResourceDef, "kind" | "group">) => (def.group === "" ? def.kind : `${def.kind}.${def.group}`);

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function nameErrors(name: unknown, field = "metadata.name"): FieldError[] {
  if (typeof name !== "string" || name === "") return [];
  if (name.length > 253) return [{ type: "Invalid", field, value: name, detail: "must be no more than 253 characters" }];
  return DNS1123_SUBDOMAIN.test(name) ? [] : [{ type: "Invalid", field, value: name, detail: SUBDOMAIN_MSG }];
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const set = (v: unknown) => v !== undefined && v !== null && v !== "" && v !== 0;

/**
 * Event validation (pkg/apis/core/validation/events.go). Both APIs store the same type; the
 * events.k8s.io names map onto it (regarding → involvedObject, note → message, …), and a field
 * error names the internal field, as on a real server.
 */
function eventErrors(def: ResourceDef, o: Obj): FieldError[] {
  const modern = def.group === "events.k8s.io";
  const e = modern
    ? {
        namespace: (o.metadata as Obj | undefined)?.namespace,
        involvedNs: (o.regarding as Obj | undefined)?.namespace,
        eventTime: o.eventTime,
        reportingController: o.reportingController,
        reportingInstance: o.reportingInstance,
        action: o.action,
        reason: o.reason,
        message: o.note,
        type: o.type,
        firstTimestamp: o.deprecatedFirstTimestamp,
        lastTimestamp: o.deprecatedLastTimestamp,
        count: o.deprecatedCount,
        source: o.deprecatedSource as Obj | undefined,
      }
    : {
        namespace: (o.metadata as Obj | undefined)?.namespace,
        involvedNs: (o.involvedObject as Obj | undefined)?.namespace,
        eventTime: o.eventTime,
        reportingController: o.reportingComponent,
        reportingInstance: o.reportingInstance,
        action: o.action,
        reason: o.reason,
        message: o.message,
        type: o.type,
        firstTimestamp: o.firstTimestamp,
        lastTimestamp: o.lastTimestamp,
        count: o.count,
        source: o.source as Obj | undefined,
      };
  const errs: FieldError[] = [];
  const ns = text(e.namespace);
  const involvedNs = text(e.involvedNs);
  const controllerField = modern ? "reportingController" : "reportingComponent";
  if (!set(e.eventTime)) {
    // An old-style Event: its namespace must be the involved object's (or default for a cluster-scoped one).
    if (involvedNs === "" ? ns !== "" && ns !== "default" : ns !== involvedNs) {
      errs.push({ type: "Invalid", field: "involvedObject.namespace", value: involvedNs, detail: "does not match event.namespace" });
    }
  } else {
    if (involvedNs === "" && ns !== "default" && ns !== "kube-system") {
      errs.push({ type: "Invalid", field: "involvedObject.namespace", value: involvedNs, detail: "does not match event.namespace" });
    }
    const controller = text(e.reportingController);
    if (controller === "") errs.push({ type: "Required", field: controllerField });
    else if (!QUALIFIED_NAME.test(controller) || controller.length > 316) {
      errs.push({ type: "Invalid", field: controllerField, value: controller, detail: "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" });
    }
    for (const [field, value] of [["reportingInstance", e.reportingInstance], ["action", e.action], ["reason", e.reason]] as const) {
      if (text(value) === "") errs.push({ type: "Required", field });
      else if (text(value).length > 128) errs.push({ type: "Invalid", field, value: "", detail: "can have at most 128 characters" });
    }
    if (text(e.message).length > 1024) errs.push({ type: "Invalid", field: "message", value: "", detail: "can have at most 1024 characters" });
  }
  errs.push(...nameErrors(ns, "namespace"));
  if (modern) {
    // Strict rules for events.k8s.io/v1 writes.
    errs.push(...nameErrors((o.metadata as Obj | undefined)?.name));
    if (!set(e.eventTime)) errs.push({ type: "Required", field: "eventTime" });
    if (e.type !== "Normal" && e.type !== "Warning") errs.push({ type: "Invalid", field: "type", value: "", detail: `has invalid value: ${text(e.type)}` });
    if (set(e.firstTimestamp)) errs.push({ type: "Invalid", field: "firstTimestamp", value: "", detail: "needs to be unset" });
    if (set(e.lastTimestamp)) errs.push({ type: "Invalid", field: "lastTimestamp", value: "", detail: "needs to be unset" });
    if (set(e.count)) errs.push({ type: "Invalid", field: "count", value: "", detail: "needs to be unset" });
    if (set(e.source?.component) || set(e.source?.host)) errs.push({ type: "Invalid", field: "source", value: "", detail: "needs to be unset" });
  }
  return errs;
}

/** Lease validation (pkg/apis/coordination/validation). */
function leaseErrors(o: Obj): FieldError[] {
  const spec = (o.spec as Obj | undefined) ?? {};
  const errs = nameErrors((o.metadata as Obj | undefined)?.name);
  const duration = spec.leaseDurationSeconds;
  if (typeof duration === "number" && duration <= 0) errs.push({ type: "Invalid", field: "spec.leaseDurationSeconds", value: duration, detail: "must be greater than 0" });
  const transitions = spec.leaseTransitions;
  if (typeof transitions === "number" && transitions < 0) errs.push({ type: "Invalid", field: "spec.leaseTransitions", value: transitions, detail: "must be greater than or equal to 0" });
  if (set(spec.preferredHolder) && !set(spec.strategy)) errs.push({ type: "Forbidden", field: "spec.preferredHolder", detail: "may only be specified if `strategy` is defined" });
  return errs;
}

/** Throws the 422 a real server answers for an invalid Event or Lease; other kinds pass. */
export function validateObject(def: ResourceDef, o: Obj): void {
  const errs = def.kind === "Event" ? eventErrors(def, o) : def.kind === "Lease" && def.group === "coordination.k8s.io" ? leaseErrors(o) : [];
  if (errs.length) {
    const name = text((o.metadata as Obj | undefined)?.name);
    throw invalid(kindLabel(def), { name, group: def.group, kind: def.kind }, errs);
  }
}

/** SubjectAccessReview spec validation (pkg/apis/authorization/validation). */
export function validateAccessReview(def: ResourceDef, spec: Obj | undefined): void {
  if (def.kind !== "SubjectAccessReview" && def.kind !== "LocalSubjectAccessReview") return;
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (Boolean(s.resourceAttributes) === Boolean(s.nonResourceAttributes)) {
    errs.push({ type: "Invalid", field: "spec.resourceAttributes", value: s.nonResourceAttributes ?? null, detail: "exactly one of nonResourceAttributes or resourceAttributes must be specified" });
  }
  const groups = Array.isArray(s.groups) ? s.groups : [];
  if (text(s.user) === "" && groups.length === 0) errs.push({ type: "Invalid", field: "spec.user", value: text(s.user), detail: "at least one of user or group must be specified" });
  if (errs.length) throw invalid(kindLabel(def), { name: "", group: def.group, kind: def.kind }, errs);
}
