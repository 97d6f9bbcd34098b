// What-if: the plan external-dns would make under another configuration (version, flags),
// compared with today's plan against the same Cloudflare records, each difference blamed on the
// dimension of the configuration that makes it. Pure: inputs in, document out.
//
// Attribution re-runs the pipeline with one dimension reverted (is this dimension necessary for
// the difference?), then, for differences no single dimension is necessary for, with only that
// dimension applied (is it sufficient?); a difference neither test settles is blamed on every
// dimension that changed.

import { formatVersion } from "../../externaldns/version";
import type { ClusterObjects, CloudflareZone, Config, Reason, RecordChange } from "../../externaldns/types";
import { pipelineSteps, type PipelineResult } from "../pipeline";
import { runSteps, type Steps } from "../../externaldns/steps";
import { causesOf, indexObjects } from "./causes";
import { changeKey, keySet, missingFrom } from "./change-key";
import { consequencesOf } from "./consequences";
import { plannedChanges } from "./planned";
import { summarize } from "../../externaldns/provider/cloudflare/changes";
import { configKey, dimensionsBetween, publicDimension, withDimensions, type ConfigDimension } from "./dimensions";
import { whatIfFixes } from "./fixes";
import type { WhatIfChange, WhatIfDocument, WhatIfSide } from "./types";

/** Reason codes that mean "external-dns will not write this", the ownership and policy guards. */
const BLOCKING = new Set(["unowned-record", "owned-by-other", "policy", "txt-name-too-long"]);

export interface WhatIfInput {
  /** Today's configuration. */
  config: Config;
  /** The configuration to compare with. */
  next: Config;
  objects: ClusterObjects;
  /** Every zone the token sees (the domain filter of each side picks its own). */
  zones: CloudflareZone[];
  /** Today's run, when the caller has it already. */
  current?: PipelineResult;
  /** Whether public DNS resolves a name today (undefined: not known). */
  resolvesToday?: (name: string) => boolean | undefined;
}

/** A configuration with its memo key. */
interface Keyed {
  config: Config;
  key: string;
}

/** What attribution keeps of a pipeline run. */
interface Run {
  keys: Set<string>;
  reasons: Reason[];
}

function side(r: PipelineResult): WhatIfSide {
  const c = r.config;
  return {
    version: formatVersion(c.version),
    annotationPrefix: c.annotationPrefix,
    annotationPrefixExplicit: c.annotationPrefixExplicit,
    policy: c.policy,
    txtOwnerId: c.txtOwnerId,
    txtPrefix: c.txtPrefix,
    txtSuffix: c.txtSuffix,
    summary: summarize(plannedChanges(r)),
  };
}

export function whatIf(input: WhatIfInput): WhatIfDocument {
  return runSteps(whatIfSteps(input));
}

/**
 * The what-if in steps: the pipeline runs it needs pause between stages (a server answers other
 * requests meanwhile). The runs attribution will ask for are made up front, in steps; what the
 * rest of the work asks for later comes from the memo, so the result is the same as whatIf's.
 */
export function* whatIfSteps(input: WhatIfInput): Steps<WhatIfDocument> {
  // No run here narrates: attribution compares record changes, and the causes leave narration
  // out of the reasons they quote (causes.ts), so building it would be work thrown away.
  const pipelineInput = (config: Config) => ({ config, objects: input.objects, zones: input.zones, narrate: false });
  const current = input.current ?? (yield* pipelineSteps(pipelineInput(input.config)));
  const next = yield* pipelineSteps(pipelineInput(input.next));
  const dims = dimensionsBetween(input.config, input.next);

  const currentPlanned = plannedChanges(current);
  const nextPlanned = plannedChanges(next);
  const currentKeys = keySet(currentPlanned);
  const nextKeys = keySet(nextPlanned);
  const differences = missingFrom(nextPlanned, currentKeys);
  const vanishing = missingFrom(currentPlanned, nextKeys);

  // Runs are remembered by the configuration they ran, not by the dimensions that made it: with
  // two dimensions, "the next one with A reverted" is "today's with only B applied", and each
  // run at 10k routes costs a second. Only what attribution reads is kept of a run (its change
  // keys, and its reasons for the version's causes): several whole runs held at once would not
  // fit a server's heap at 20,000 records.
  const memo = new Map<string, Run>([
    [configKey(input.config), { keys: currentKeys, reasons: current.reasons }],
    [configKey(input.next), { keys: nextKeys, reasons: next.reasons }],
  ]);
  const keyed = (config: Config): Keyed => ({ config, key: configKey(config) });
  // Each dimension's two configurations and their keys are made once: blame asks for them per difference.
  const configsOf = new Map(dims.map((d) => [d, { without: keyed(withDimensions(input.next, input.config, [d])), only: keyed(withDimensions(input.config, input.next, [d])) }]));
  const runInSteps = function* ({ config, key }: Keyed): Steps<void> {
    if (memo.has(key)) return;
    const r = yield* pipelineSteps(pipelineInput(config));
    memo.set(key, { keys: keySet(plannedChanges(r)), reasons: r.reasons });
  };
  const run = (keyed: Keyed): Run => memo.get(keyed.key)!;
  const without = (d: ConfigDimension) => run(configsOf.get(d)!.without).keys;
  const only = (d: ConfigDimension) => run(configsOf.get(d)!.only);
  const versionDimension = dims.find((d) => d.kind === "version");
  if (differences.length + vanishing.length > 0) {
    // Blame reverts each dimension when there are several; the causes ask for the version alone.
    if (dims.length > 1) for (const d of dims) yield* runInSteps(configsOf.get(d)!.without);
    if (versionDimension) yield* runInSteps(configsOf.get(versionDimension)!.only);
  }

  /**
   * Blame, for a change that appears in the next plan (or vanishes from it): the dimensions
   * necessary for it (reverting one undoes it); failing those, the ones sufficient for it (one
   * alone makes it); failing both, every dimension that changed.
   */
  const necessaryFor = (c: RecordChange, appears: boolean): { key: string; dims: ConfigDimension[] } => {
    const key = changeKey(c);
    return { key, dims: dims.length <= 1 ? dims : dims.filter((d) => without(d).has(key) !== appears) };
  };
  const diffNecessary = differences.map((c) => necessaryFor(c, true));
  const vanishNecessary = vanishing.map((c) => necessaryFor(c, false));
  if (dims.length > 1 && [...diffNecessary, ...vanishNecessary].some((n) => n.dims.length === 0)) {
    for (const d of dims) yield* runInSteps(configsOf.get(d)!.only);
  }
  const blame = ({ key, dims: necessary }: { key: string; dims: ConfigDimension[] }, appears: boolean): ConfigDimension[] => {
    if (necessary.length) return necessary;
    const sufficient = dims.filter((d) => only(d).keys.has(key) === appears);
    return sufficient.length ? sufficient : dims;
  };

  const ctx = {
    index: indexObjects(input.objects),
    toVersion: formatVersion(input.next.version),
    reasonsBefore: current.reasons,
    reasonsVersionOnly: (): Reason[] => (versionDimension ? only(versionDimension).reasons : []),
  };
  const consequences = consequencesOf({ differences, zones: input.zones, resolvesToday: input.resolvesToday });
  const diffChanges: WhatIfChange[] = differences.map((c, i) => ({ ...c, causes: causesOf(c, blame(diffNecessary[i], true), ctx), consequences: consequences[i] }));
  const vanishChanges: WhatIfChange[] = vanishing.map((c, i) => ({ ...c, causes: causesOf(c, blame(vanishNecessary[i], false), ctx), consequences: [] }));

  const changed = dims.map(publicDimension);
  const { fixes, order } = whatIfFixes({
    changed,
    differences: diffChanges,
    index: ctx.index,
    fromVersion: formatVersion(input.config.version),
    toVersion: ctx.toVersion,
  });

  const summary: WhatIfDocument["summary"] = { differences: differences.length, vanishing: vanishing.length, create: 0, update: 0, delete: 0, causes: {}, consequences: {} };
  for (const d of diffChanges) {
    summary[d.action]++;
    for (const code of new Set(d.causes.map((c) => c.code))) summary.causes[code] = (summary.causes[code] ?? 0) + 1;
    for (const code of new Set(d.consequences.map((c) => c.code))) summary.consequences[code] = (summary.consequences[code] ?? 0) + 1;
  }
  const before = new Set(current.reasons.map((r) => `${r.code}\u0000${r.message}`));
  const newlyBlocked = next.reasons
    .filter((r) => BLOCKING.has(r.code) && !before.has(`${r.code}\u0000${r.message}`))
    .map(({ code, resource, message, hostnames }) => ({ code, resource, message, hostnames }));
  return {
    current: side(current),
    next: side(next),
    changed,
    differences: diffChanges,
    vanishing: vanishChanges,
    summary,
    newlyBlocked,
    fixes,
    order,
    nextIssues: input.next.issues,
  };
}
