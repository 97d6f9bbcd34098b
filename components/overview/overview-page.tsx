"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { withInstance } from "@/components/api/state";
import { Age } from "@/components/ui/age";
import { Button, linkClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ErrorBox, Loading, Notice } from "@/components/ui/feedback";
import { useOverview, useRefreshState } from "./api";
import { InstanceConfig } from "./instance-config";
import { SourcesHealth } from "./sources-health";
import { StateCounts } from "./state-counts";
import { UpgradeWarning } from "./upgrade-warning";
import { WarningsList } from "./warnings-list";

export function OverviewPage() {
  const { data, error, isPending, refetch } = useOverview();
  const refresh = useRefreshState();
  const selected = useSearchParams().get("instance");

  if (isPending) return <Loading label="Reading cluster and Cloudflare…" />;
  if (!data) return <ErrorBox error={error} retry={() => void refetch()} />;

  const many = data.instances.length > 1;
  const instances = selected ? data.instances.filter((i) => i.id === selected) : data.instances;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Overview"
        description={
          <>
            {data.instances.length} external-dns instance{data.instances.length === 1 ? "" : "s"} · {data.mode} mode · computed{" "}
            <Age at={data.generatedAt} testId="overview-data-age" />
          </>
        }
        actions={
          <Button variant="secondary" data-testid="refresh-button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            <span aria-hidden className={refresh.isPending ? "inline-block animate-spin" : ""}>
              ↻
            </span>
            {refresh.isPending ? "Refreshing…" : "Refresh"}
          </Button>
        }
      />
      {refresh.isError && <ErrorBox title="Refresh failed" error={refresh.error} />}
      {!data.instances.length && <Notice>No external-dns instance found. Check the cluster connection and the configured external-dns deployment.</Notice>}

      <div className="grid items-start gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <SourcesHealth sources={data.sources} onRefresh={() => refresh.mutate()} refreshing={refresh.isPending} />
        </div>
        <div className="space-y-4 lg:col-span-2">
          <Card title="Approve-to-sync" testId="writes-status">
            {data.writes.enabled ? (
              <p className="text-sm">Writes are enabled: changes on the Plan page can be approved and applied to Cloudflare.</p>
            ) : (
              <p className="text-sm">
                <span className="font-medium">Read-only:</span> {data.writes.reason ?? "writes are disabled."}
              </p>
            )}
            <ul className="mt-3 space-y-1 text-sm">
              {data.instances.map((i) => {
                const s = i.plan.summary;
                const total = s.create + s.update + s.delete;
                return (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-mono text-xs">{i.id}</span>
                    <Link href={withInstance("/plan", many ? i.id : null)} className={linkClass} data-testid="overview-plan-link">
                      {total ? `${s.create} create · ${s.update} update · ${s.delete} delete` : "nothing to change"}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </Card>
          {data.cloudflareBudget && (
            <Card title="Cloudflare API budget" testId="cloudflare-budget">
              <p className="text-sm">
                {data.cloudflareBudget.used} of {data.cloudflareBudget.limit} calls in the last {data.cloudflareBudget.windowSeconds / 60} minutes
                {data.cloudflareBudget.level === "backing-off" && " · backing off: forced refreshes are answered from memory and data is refreshed less often"}
                {data.cloudflareBudget.level === "exhausted" && " · budget used up: no calls until the window frees up, writes are off"}
              </p>
              {data.cloudflareBudget.rateLimitedUntil && (
                <p className="mt-1 text-sm">
                  Cloudflare is rate-limiting this token until {data.cloudflareBudget.rateLimitedUntil.replace("T", " ").slice(0, 19)} UTC; writes are off.
                </p>
              )}
            </Card>
          )}
          <Card title="Mode">
            <p className="text-sm">
              {data.mode === "snapshot" && "Snapshot: manifests and Cloudflare records are read from files, not live."}
              {data.mode === "live" && "Live: reading the cluster and the Cloudflare API."}
              {data.mode === "demo" && "Demo: a local Kubernetes and Cloudflare emulator."}
            </p>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              {data.complete ? "Every source answered; the plan is complete." : "Some sources are stale or failing; the plan is for reading only."}
            </p>
          </Card>
        </div>
      </div>

      {instances.map((inst) => (
        <div key={inst.id} className="space-y-4" data-testid="instance" data-instance={inst.id}>
          {many && <h2 className="pt-2 text-base font-semibold">external-dns {inst.id}</h2>}
          <UpgradeWarning instance={inst.id} version={inst.config.version} many={many} />
          <StateCounts counts={inst.counts} instance={many ? inst.id : null} />
          <div className="grid gap-4 lg:grid-cols-5">
            <div className="lg:col-span-3">
              <WarningsList warnings={inst.warnings} />
            </div>
            <div className="lg:col-span-2">
              <InstanceConfig instance={inst} />
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}
