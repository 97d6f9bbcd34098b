"use client";

// A warning on the overview when upgrading external-dns to the newest release dnsdrift models
// would delete or repoint records — the moment to look before anyone bumps the image tag.

import Link from "next/link";
import { proseLinkClass } from "@/components/ui/button";
import { useUpgradeRisk, whatIfSearch } from "@/components/what-if/api";
import { newestModelledAfter } from "@/lib/drift/what-if/versions";

const list = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", "));

export function UpgradeWarning({ instance, version, many }: { instance: string; version: string; many: boolean }) {
  const toVersion = newestModelledAfter(version);
  const { data: risk } = useUpgradeRisk(instance, toVersion);
  if (!risk) return null;
  const parts = [
    risk.deleted.length ? `delete ${risk.deleted.length} record${risk.deleted.length === 1 ? "" : "s"} (${list(risk.deleted)})` : "",
    risk.repointed.length ? `repoint ${risk.repointed.length} (${list(risk.repointed)})` : "",
  ].filter(Boolean);
  return (
    <div role="status" data-testid="upgrade-warning" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
      <strong className="font-semibold">Upgrading external-dns to {risk.toVersion} would {parts.join(" and ")}.</strong>{" "}
      <Link href={`/what-if${whatIfSearch({ instance: many ? instance : null, toVersion: risk.toVersion, args: [] })}`} className={proseLinkClass} data-testid="upgrade-warning-link">
        See what changes and how to upgrade safely
      </Link>
    </div>
  );
}
