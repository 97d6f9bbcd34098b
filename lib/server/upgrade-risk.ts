// GET /api/upgrade-risk: the overview's warning before an upgrade. Would the newest release
// dnsdrift models delete or repoint records that exist? It costs one pipeline run under the next
// release, so that run is paced (requests are answered between its stages), shared by concurrent
// askers, and kept while the cluster objects, the zones and the configuration stay the same: a
// refresh that changed nothing costs nothing, however often dashboards poll.

import type { UpgradeRiskResponse } from "../api/types";
import { configKey } from "../drift/what-if/dimensions";
import { upgradeRiskSteps, type UpgradeRisk } from "../drift/what-if/upgrade-risk";
import { newestModelledAfter } from "../drift/what-if/versions";
import { formatVersion } from "../externaldns/version";
import { etagOf, type CachedBody } from "./etag";
import { inputsKey } from "./inputs-key";
import { runPaced } from "./paced";
import { nextConfigFor, WhatIfRequestError } from "./what-if";
import { withoutDeletes, type Computed, type InstanceResult } from "./world";

/** Names listed per kind of risk; the counts are whole. */
export const RISK_NAMES = 20;
/** Risks kept (per instance, question and inputs); each is a few names. */
const KEPT = 16;

const risks = new Map<string, Promise<UpgradeRisk>>();

const listed = (names: string[]) => ({ count: names.length, names: names.slice(0, RISK_NAMES) });

const answers = new WeakMap<Computed, Map<string, Promise<CachedBody>>>();

/**
 * The answer as sent, made once per computation and question: dashboards poll this, and
 * re-reading the configuration for each poll was most of a poll's cost. The ETag leaves out
 * generatedAt, so a refresh that changes nothing answers 304.
 */
export function upgradeRiskAnswer(c: Computed, ir: InstanceResult, requested: string | undefined): Promise<CachedBody> {
  let perQuestion = answers.get(c);
  if (!perQuestion) answers.set(c, (perQuestion = new Map()));
  const key = `${ir.instance.id}\u0000${requested ?? ""}`;
  let answer = perQuestion.get(key);
  if (!answer) {
    const kept = perQuestion;
    answer = upgradeRiskResponse(c, ir, requested).then((body) => ({ body: JSON.stringify(body), etag: etagOf(JSON.stringify({ ...body, generatedAt: undefined })) }));
    kept.set(key, answer);
    answer.catch(() => kept.delete(key));
  }
  return answer;
}

/** The upgrade risk of one instance; a bad toVersion throws a WhatIfRequestError (400). */
export async function upgradeRiskResponse(c: Computed, ir: InstanceResult, requested: string | undefined): Promise<UpgradeRiskResponse> {
  const fromVersion = formatVersion(ir.result.config.version);
  const toVersion = requested ?? newestModelledAfter(fromVersion) ?? null;
  const base = { instance: ir.instance.id, generatedAt: c.generatedAt, partial: !c.complete, fromVersion, toVersion };
  const none = { deleted: listed([]), repointed: listed([]) };
  if (toVersion === null) return { ...base, ...none };
  let next;
  try {
    next = nextConfigFor(ir, { toVersion, args: [] });
  } catch (e) {
    // Today's flags would stop the new release from starting: that is the risk to show.
    if (e instanceof WhatIfRequestError && e.code === "next-config-refused") return { ...base, ...none, refused: e.detail ?? e.message };
    throw e;
  }
  const key = [await inputsKey(c), ir.instance.id, configKey(ir.result.config), configKey(next)].join("\u0000");
  let risk = risks.get(key);
  if (!risk) {
    risk = runPaced(
      upgradeRiskSteps({
        current: ir.result,
        next,
        objects: c.objects,
        zones: c.zones,
        // Today's plan withholds deletes on partial data; the next one must too, or every delete
        // it plans would look like a risk of the upgrade.
        ...(c.complete ? {} : { adjust: (r) => withoutDeletes(r, c.sources) }),
      }),
    );
    risks.set(key, risk);
    if (risks.size > KEPT) risks.delete(risks.keys().next().value!);
    risk.catch(() => risks.delete(key));
  }
  const { deleted, repointed } = await risk;
  return { ...base, deleted: listed(deleted), repointed: listed(repointed) };
}
