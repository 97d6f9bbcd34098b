// Would a newer release delete or repoint records that exist? The overview asks this on every
// visit, so it is answered from today's plan and the next release's plan alone: the full what-if
// also re-runs the pipeline once per changed dimension to blame each difference, which at 10k
// routes is several seconds the overview does not need.

import type { ClusterObjects, CloudflareZone, Config, RecordChange } from "../../externaldns/types";
import type { Steps } from "../../externaldns/steps";
import { pipelineSteps, type PipelineResult } from "../pipeline";
import { keySet, missingFrom } from "./change-key";
import { plannedChanges } from "./planned";

export interface UpgradeRisk {
  /** Names whose record would be deleted and not recreated, sorted. */
  deleted: string[];
  /** Names whose record would point elsewhere (content changes, or a type change), sorted. */
  repointed: string[];
}

/** The risk in the changes the next plan makes that today's does not; ownership TXT records aside. */
export function upgradeRiskOf(current: readonly RecordChange[], next: readonly RecordChange[]): UpgradeRisk {
  const data = missingFrom(next, keySet(current)).filter((c) => c.type !== "TXT" && c.ownershipOf === undefined);
  const created = new Set(data.filter((c) => c.action === "create").map((c) => c.name));
  const deletes = data.filter((c) => c.action === "delete");
  const repointed = new Set([
    ...deletes.filter((c) => created.has(c.name)).map((c) => c.name),
    ...data.filter((c) => c.action === "update" && c.previous && c.previous.content !== c.content).map((c) => c.name),
  ]);
  const deleted = new Set(deletes.filter((c) => !created.has(c.name)).map((c) => c.name));
  return { deleted: [...deleted].sort(), repointed: [...repointed].sort() };
}

export interface UpgradeRiskInput {
  /** Today's run (the computation's own). */
  current: PipelineResult;
  next: Config;
  objects: ClusterObjects;
  zones: CloudflareZone[];
  /** Applied to the next run as to today's (e.g. deletes withheld on partial data), so both compare alike. */
  adjust?: (next: PipelineResult) => PipelineResult;
}

export function* upgradeRiskSteps(input: UpgradeRiskInput): Steps<UpgradeRisk> {
  const run = yield* pipelineSteps({ config: input.next, objects: input.objects, zones: input.zones, narrate: false });
  const next = input.adjust ? input.adjust(run) : run;
  return upgradeRiskOf(plannedChanges(input.current), plannedChanges(next));
}
