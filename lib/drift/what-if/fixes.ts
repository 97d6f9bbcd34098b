// What to do about a what-if's differences: pin the annotation prefix in the Helm values, or
// migrate the annotations to the new prefix (kubectl commands and a patch), keep a changed flag
// at its old value — and which order of steps never publishes the differences.

import type { Fix } from "../../api/types";
import { kubectlAnnotate, kubectlRemoveAnnotations, objectOf, objectPatch, valuesPatch, type ObjectId } from "../fix-objects";
import type { ObjectIndex } from "./causes";
import type { Dimension, SafeOrder, WhatIfChange } from "./types";

/** Chart values that render a flag (external-dns chart); other flags go to extraArgs. */
const CHART_KEYS: Record<string, string> = {
  "--annotation-prefix": "annotationPrefix",
  "--policy": "policy",
  "--registry": "registry",
  "--txt-owner-id": "txtOwnerId",
  "--txt-prefix": "txtPrefix",
  "--txt-suffix": "txtSuffix",
  "--interval": "interval",
  "--label-filter": "labelFilter",
  "--annotation-filter": "annotationFilter",
};

/** The same change with helm, for chart values; undefined for flags that live in extraArgs. */
function helmSet(flag: string, value: string): string | undefined {
  const key = CHART_KEYS[flag];
  return key ? `helm upgrade external-dns external-dns/external-dns --reuse-values --set ${key}=${value}` : undefined;
}

function valuesLine(flag: string, value: string): string {
  const key = CHART_KEYS[flag];
  return key ? valuesPatch({ [key]: value }) : valuesPatch({ extraArgs: [`${flag}=${value}`] });
}

interface Migration {
  object: ObjectId;
  resource: string;
  /** Old key → new key, with the value the object carries today. */
  moves: { from: string; to: string; value: string }[];
}

function migrations(differences: WhatIfChange[], index: ObjectIndex, from: string, to: string): Migration[] {
  const seen = new Map<string, Migration>();
  for (const d of differences) {
    for (const c of d.causes) {
      if (c.code !== "annotation-prefix-changed" || seen.has(c.resource)) continue;
      const o = objectOf(c.resource);
      const annotations = index.get(c.resource)?.metadata.annotations ?? {};
      if (!o) continue;
      const moves = Object.keys(annotations)
        .filter((k) => k.startsWith(from) && !k.startsWith(to))
        .sort()
        .map((k) => ({ from: k, to: to + k.slice(from.length), value: annotations[k] }));
      if (moves.length) seen.set(c.resource, { object: o, resource: c.resource, moves });
    }
  }
  return [...seen.values()].sort((a, b) => a.resource.localeCompare(b.resource));
}

export interface FixInput {
  changed: Dimension[];
  differences: WhatIfChange[];
  index: ObjectIndex;
  fromVersion: string;
  toVersion: string;
}

export function whatIfFixes(input: FixInput): { fixes: Fix[]; order: { safe: SafeOrder[]; unsafe: string[] } } {
  const fixes: Fix[] = [];
  const safe: SafeOrder[] = [];
  const unsafe: string[] = [];
  const { fromVersion: v0, toVersion: v1 } = input;
  const n = input.differences.length;
  const prefix = input.changed.find((d) => d.kind === "annotation-prefix");
  const byPrefix = input.differences.some((d) => d.causes.some((c) => c.code === "annotation-prefix-changed"));

  if (prefix && byPrefix) {
    const [p0, p1] = [prefix.from, prefix.to];
    const moves = migrations(input.differences, input.index, p0, p1);
    fixes.push({
      code: "annotation-prefix-changed",
      title: `Pin --annotation-prefix=${p0} in the external-dns values`,
      description:
        `external-dns ${v1} reads ${p1} unless told otherwise; pinned to ${p0} it keeps reading the annotations your objects carry today, ` +
        `and ${v0} already reads ${p0}, so this is safe before and after the upgrade. Without the Helm chart, add --annotation-prefix=${p0} to the Deployment's args.`,
      patch: { resource: "external-dns Helm values", yaml: valuesLine("--annotation-prefix", p0) },
      command: helmSet("--annotation-prefix", p0),
    });
    if (moves.length) {
      fixes.push({
        code: "annotation-prefix-changed",
        title: `Copy the annotations of ${moves.length} object${moves.length === 1 ? "" : "s"} to ${p1}, keeping the ${p0} ones`,
        description:
          `With both prefixes set, ${v0} reads ${p0} and ${v1} reads ${p1}, so the objects publish the same records under either version. ` +
          `Remove the ${p0} annotations only once ${v1} runs.`,
        patch: {
          resource: moves.map((m) => m.resource).join(", "),
          yaml: moves.map((m) => objectPatch(m.object, { annotations: Object.fromEntries(m.moves.map((x) => [x.to, x.value])) })).join("---\n"),
        },
        command: moves.map((m) => kubectlAnnotate(m.object, Object.fromEntries(m.moves.map((x) => [x.to, x.value])))).join("\n"),
      });
      fixes.push({
        code: "annotation-prefix-changed",
        title: `After the upgrade to ${v1}: remove the ${p0} annotations`,
        description: `Only once ${v1} runs and reads ${p1}; before that, ${v0} still needs them.`,
        command: moves.map((m) => kubectlRemoveAnnotations(m.object, m.moves.map((x) => x.from))).join("\n"),
      });
    }
    safe.push({
      title: "Pin the prefix, then upgrade",
      steps: [
        `Set annotationPrefix: ${p0} in the Helm values (or --annotation-prefix=${p0} in the args); ${v0} reads ${p0} already, so nothing changes.`,
        `Upgrade to ${v1}; it keeps reading ${p0}.`,
        `Migrate to ${p1} later, as in "Migrate first, keeping both prefixes".`,
      ],
    });
    safe.push({
      title: "Migrate first, keeping both prefixes",
      steps: [
        `Copy the annotations to ${p1} on ${moves.length} object${moves.length === 1 ? "" : "s"}, keeping the ${p0} ones: ${v0} reads ${p0}, ${v1} will read ${p1}.`,
        `Upgrade to ${v1}.`,
        `Remove the ${p0} annotations.`,
      ],
    });
    unsafe.push(`Upgrading first: ${v1} ignores the ${p0} annotations and makes the ${n} difference${n === 1 ? "" : "s"} listed here on its first loop.`);
    unsafe.push(`Renaming the annotations (dropping ${p0}) before the upgrade: ${v0} stops reading them and makes the same differences now.`);
  }

  for (const d of input.changed.filter((x) => x.kind === "flag")) {
    const caused = input.differences.filter((x) => x.causes.some((c) => c.code === "flag-changed" && c.flag === d.flag)).length;
    if (!caused) continue;
    fixes.push({
      code: "flag-changed",
      title: `Keep ${d.flag}=${d.from}`,
      description: `${caused} difference${caused === 1 ? "" : "s"} follow${caused === 1 ? "s" : ""} from changing ${d.flag} from ${d.from || "(unset)"} to ${d.to || "(unset)"}; keep the current value if they are not what you want.`,
      patch: { resource: "external-dns Helm values", yaml: valuesLine(d.flag, d.from) },
      ...(helmSet(d.flag, d.from) ? { command: helmSet(d.flag, d.from) } : {}),
    });
  }

  if (!safe.length) {
    const what = input.changed.map((d) => (d.kind === "version" ? `the upgrade to ${d.to}` : `${d.flag}=${d.to}`)).join(", ") || "the change";
    safe.push(
      n === 0
        ? { title: "Nothing changes", steps: [`Apply ${what}: external-dns plans exactly what it plans today.`] }
        : { title: "Fix the objects first", steps: [`Change the objects named under each cause so they publish what you want under the new configuration.`, `Then apply ${what}.`] },
    );
    if (n) unsafe.push(`Applying ${what} as it is: external-dns makes the ${n} difference${n === 1 ? "" : "s"} below on its next loop.`);
  }
  return { fixes, order: { safe, unsafe } };
}
