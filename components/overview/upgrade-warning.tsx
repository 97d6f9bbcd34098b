"use client";

// A warning on the overview when upgrading external-dns to the newest release dnsdrift models
// would delete or repoint records, or would not start with today's flags: the moment to look
// before anyone bumps the image tag.

import Link from "next/link";
import { proseLinkClass } from "@/components/ui/button";
import { useUpgradeRisk, whatIfSearch } from "@/components/what-if/api";
import { newestModelledAfter } from "@/lib/drift/what-if/versions";
import type { CountedNames } from "@/lib/api/types";

const SHOWN = 4;

function list({ count, names }: CountedNames): string {
  const shown = names.slice(0, SHOWN).join(", ");
  return count > SHOWN ? `${shown} and ${count - SHOWN} more` : shown;
}

export function UpgradeWarning({ instance, version, many }: { instance: string; version: string; many: boolean }) {
  const toVersion = newestModelledAfter(version);
  const { data: risk } = useUpgradeRisk(instance, toVersion);
  if (!risk?.toVersion) return null;
  const parts = [
    risk.deleted.count ? `delete ${risk.deleted.count} record${risk.deleted.count === 1 ? "" : "s"} (${list(risk.deleted)})` : "",
    risk.repointed.count ? `repoint ${risk.repointed.count} (${list(risk.repointed)})` : "",
  ].filter(Boolean);
  if (!parts.length && !risk.refused) return null;
  return (
    <div role="status" data-testid="upgrade-warning" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
      <strong className="font-semibold">
        {risk.refused ? `external-dns ${risk.toVersion} would not start with today's flags: ${risk.refused}.` : `Upgrading external-dns to ${risk.toVersion} would ${parts.join(" and ")}.`}
      </strong>{" "}
      {risk.partial && <span>Some inputs are partial or stale, so deletes are left out of this check. </span>}
      <Link href={`/what-if${whatIfSearch({ instance: many ? instance : null, toVersion: risk.toVersion, args: [] })}`} className={proseLinkClass} data-testid="upgrade-warning-link">
        See what changes and how to upgrade safely
      </Link>
    </div>
  );
}
