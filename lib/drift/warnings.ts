// The overview's "needs action" list: patterns across many reasons that a person should fix,
// each counted once with the objects or names concerned.

import type { RecordView, Warning } from "../api/types";
import type { PipelineResult } from "./pipeline";

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function instanceWarnings(result: PipelineResult, records: RecordView[]): Warning[] {
  const { config, reasons } = result;
  const out: Warning[] = [];
  const byCode = (code: string) => reasons.filter((r) => r.code === code && r.severity !== "info");

  for (const issue of config.issues) {
    out.push({ code: `config-${issue.severity}`, severity: issue.severity, message: `${issue.flag}: ${issue.message}`, subjects: [] });
  }

  const prefix = distinct(byCode("annotation-prefix-mismatch").map((r) => r.resource));
  if (prefix.length) {
    out.push({
      code: "annotation-prefix-mismatch",
      severity: "warning",
      message: `${plural(prefix.length, "object carries", "objects carry")} annotations with a prefix that external-dns ${config.version.raw} ignores (it reads only ${config.annotationPrefix})`,
      subjects: prefix,
    });
  }

  const misplaced = distinct(byCode("annotation-ignored-here").map((r) => r.resource));
  if (misplaced.length) {
    out.push({
      code: "annotation-ignored-here",
      severity: "warning",
      message: `${plural(misplaced.length, "object has", "objects have")} annotations external-dns does not read on that kind of object`,
      subjects: misplaced,
    });
  }

  const ignoredGateways = reasons.filter((r) => r.code === "gateway-label-filter" && r.resource.startsWith("httproute/"));
  const gwNames = distinct(ignoredGateways.map((r) => /Gateway (\S+)/.exec(r.message)?.[1] ?? "").filter(Boolean));
  for (const gw of gwNames) {
    const routes = distinct(ignoredGateways.filter((r) => r.message.includes(`Gateway ${gw} `)).map((r) => r.resource));
    out.push({
      code: "gateway-label-filter",
      severity: "warning",
      message: `Gateway ${gw} does not match --gateway-label-filter ${config.gatewayLabelFilter}: ${plural(routes.length, "route")} attached to it publish nothing`,
      subjects: routes,
    });
  }

  const deletes = result.recordChanges.filter((c) => c.action === "delete" && !c.ownershipOf);
  if (deletes.length && config.policy === "sync") {
    out.push({
      code: "pending-deletes",
      severity: "warning",
      message: `external-dns itself would delete ${plural(deletes.length, "owned record")} on its next loop (policy sync)`,
      subjects: distinct(deletes.map((c) => c.name)),
    });
  }

  const blocked = distinct(records.filter((r) => r.state === "blocked").map((r) => r.name));
  if (blocked.length) {
    out.push({
      code: "blocked",
      severity: "warning",
      message: `${plural(blocked.length, "name is", "names are")} wanted by a source but held by a record external-dns will not touch`,
      subjects: blocked,
    });
  }

  for (const code of ["unmodelled-source", "unmodelled-config", "partial-data"] as const) {
    const held = (result.blocked ?? []).filter((b) => !b.ownershipOf && b.blockedBy.some((w) => w.code === code));
    if (!held.length) continue;
    const subjects = distinct(held.flatMap((b) => b.blockedBy.filter((w) => w.code === code).map((w) => w.subject)));
    out.push({
      code,
      severity: "warning",
      message:
        `${plural(held.length, "change")} withheld because ` +
        (code === "partial-data" ? "some inputs are partial or stale" : `${subjects.join(", ")} ${subjects.length === 1 ? "is" : "are"} not modelled by dnsdrift`) +
        `: what is unknown may still want ${held.length === 1 ? "that record" : "those records"}, or want ${held.length === 1 ? "it" : "them"} differently`,
      subjects: distinct(held.map((b) => b.name)),
    });
  }

  for (const code of ["txt-migration-loop", "txt-name-too-long", "no-zone", "invalid-annotation", "fqdn-template-not-evaluated", "lb-hostname-not-resolved"]) {
    const rs = byCode(code);
    if (!rs.length) continue;
    out.push({
      code,
      severity: "warning",
      message: rs.length === 1 ? rs[0].message : `${rs.length}× ${code}: ${rs[0].message} (and ${rs.length - 1} more)`,
      subjects: distinct(rs.flatMap((r) => (r.hostnames.length ? r.hostnames : [r.resource]))),
    });
  }
  return out;
}
