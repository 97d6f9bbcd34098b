// The what-if document for the terminal: what changes, each difference with its causes and the
// consequences worth a warning, then the fixes and the safe order of steps.

import { changeLine, type Style } from "../plan-text";
import type { WhatIfChange, WhatIfDocument } from "./types";

function sideLine(d: WhatIfDocument): string {
  const parts = [`external-dns ${d.current.version} → ${d.next.version}`];
  if (d.current.annotationPrefix !== d.next.annotationPrefix) parts.push(`annotation prefix ${d.current.annotationPrefix} → ${d.next.annotationPrefix}`);
  else parts.push(`annotation prefix ${d.next.annotationPrefix}`);
  return parts.join(" · ");
}

function changeBlock(c: WhatIfChange, st: Style): string[] {
  const out = [changeLine(c, st)];
  for (const cause of c.causes) out.push(st.dim(`      because ${cause.code}: ${cause.message}`));
  for (const w of c.consequences) out.push(st.yellow(`      ⚠ ${w.code}: ${w.message}`));
  return out;
}

export function renderWhatIfText(d: WhatIfDocument, st: Style): string {
  const out: string[] = [st.bold("dnsdrift what-if") + st.dim(` — ${sideLine(d)}`), ""];
  out.push(
    d.changed.length
      ? `Changed: ${d.changed.map((x) => (x.kind === "version" ? `version ${x.from} → ${x.to}` : `${x.flag} ${x.from || "(unset)"} → ${x.to || "(unset)"}`)).join("; ")}`
      : "Changed: nothing (the next configuration is today's)",
    "",
  );
  if (d.differences.length) {
    out.push(st.bold(`Differences (${d.differences.length}): what external-dns would do that it does not do today`));
    for (const c of d.differences) out.push(...changeBlock(c, st));
    out.push("");
  } else out.push("No differences: the next configuration plans nothing today's does not.", "");
  if (d.vanishing.length) {
    out.push(st.bold(`No longer happening (${d.vanishing.length}): today's changes the next configuration would not make`));
    for (const c of d.vanishing) out.push(...changeBlock(c, st));
    out.push("");
  }
  if (d.newlyBlocked.length) {
    out.push(st.bold(`Newly blocked (${d.newlyBlocked.length}):`));
    for (const r of d.newlyBlocked) out.push(`  ! ${r.hostnames[0] ?? r.resource}: ${r.code} — ${r.message}`);
    out.push("");
  }
  if (d.fixes.length) {
    out.push(st.bold("Fixes:"));
    for (const f of d.fixes) {
      out.push(`  • ${f.title}`, st.dim(`    ${f.description}`));
      if (f.patch) out.push(st.dim(`    ${f.patch.resource}:`), ...f.patch.yaml.trimEnd().split("\n").map((l) => `      ${l}`));
      if (f.command) out.push(...f.command.split("\n").map((l) => `    $ ${l}`));
    }
    out.push("");
  }
  out.push(st.bold("Safe order of steps:"));
  for (const o of d.order.safe) {
    out.push(`  ${o.title}:`);
    o.steps.forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
  }
  for (const u of d.order.unsafe) out.push(st.red(`  ✗ not safe: ${u}`));
  out.push("");
  for (const i of d.nextIssues.filter((x) => x.severity === "warning" && x.flag !== "version")) out.push(st.dim(`note: next configuration: ${i.flag}: ${i.message}`));
  const s = d.summary;
  out.push(`What-if: ${s.differences} difference${s.differences === 1 ? "" : "s"} (${s.create} to create, ${s.update} to update, ${s.delete} to delete), ${s.vanishing} no longer happening.`);
  return out.join("\n") + "\n";
}
