"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { ApiRequestError } from "@/components/api/fetch-json";
import { useSession } from "@/components/api/session";
import { useInstanceId, useSummary } from "@/components/api/state";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading, Notice } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import type { ApplyResponse, PlanResponse } from "@/lib/api/types";
import { setPlanData, useApply, usePlan } from "./api";
import { ApplyResults } from "./apply-results";
import { ApprovePanel } from "./approve-panel";
import { BlockedList } from "./blocked-list";
import { ChangeList } from "./change-list";
import { approveBlocker, nextUnticked, selectedDeletes, selectedIndexes, selectionConfirmation, type SelectionAction } from "./selection";
import { countOf, formatCount } from "@/components/ui/format";

export function PlanPage() {
  const instance = useInstanceId();
  const qc = useQueryClient();
  const fetched = usePlan(instance);
  const { data: gate } = useSummary((s) => ({ writes: s.writes, complete: s.complete }));
  const apply = useApply();
  const { data: session } = useSession();

  // Once a person starts reviewing (ticks a box, types), the plan on screen stops following the
  // background refresh: what is approved is exactly what was read.
  const [pinned, setPinned] = useState<PlanResponse | null>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [confirmText, setConfirmText] = useState("");
  const [stale, setStale] = useState<string | null>(null);
  const [last, setLast] = useState<ApplyResponse | null>(null);
  const plan = pinned ?? fetched.data;
  const newer = pinned && fetched.data && fetched.data.hash !== pinned.hash ? fetched.data : null;

  const selected = useMemo(() => (plan ? selectedIndexes(plan.changes, unticked) : []), [plan, unticked]);
  const confirmation = useMemo(
    () => (plan ? selectionConfirmation(plan, selected) : { required: false, phrase: "", reasons: [], triggers: [] }),
    [plan, selected],
  );
  const reverts = useMemo(() => new Map((plan?.reverts ?? []).map((r) => [r.index, r.message])), [plan]);

  const startReview = () => {
    // A plan still streaming in is pinned once every change has arrived.
    if (!pinned && fetched.data?.loaded) setPinned(fetched.data);
  };
  const reset = (next: PlanResponse | null) => {
    setPinned(next);
    setUnticked(new Set());
    setConfirmText("");
  };

  if (fetched.isPending) return <Loading label="Computing the plan…" />;
  if (!plan) return <ErrorBox error={fetched.error} retry={() => void fetched.refetch()} />;

  const deletes = selectedDeletes(plan.changes, selected);
  const loading = fetched.data && !pinned && !fetched.data.loaded ? fetched.data : null;
  const disabledReason = approveBlocker(plan, selected.length, {
    loading: loading ? { loaded: loading.changes.length, total: loading.total } : undefined,
    writes: gate?.writes,
    session,
  });
  const select = (action: SelectionAction) => {
    startReview();
    setUnticked((prev) => nextUnticked(prev, action));
  };

  const approve = () => {
    setStale(null);
    apply.mutate(
      { hash: plan.hash, instance: plan.instance, changes: selected, ...(confirmation.required ? { confirm: confirmText.trim() } : {}) },
      {
        onSuccess: (res) => {
          setLast(res);
          reset(null);
        },
        onError: (e) => {
          if (e instanceof ApiRequestError && e.status === 409 && e.body?.plan) {
            setStale(e.message);
            setPlanData(qc, instance, e.body.plan);
            reset(e.body.plan);
          }
        },
      },
    );
  };

  const s = plan.summary;
  return (
    <div>
      <PageHeader
        title="Plan"
        description={
          <>
            What external-dns <span className="font-mono">{plan.instance}</span> would change at Cloudflare on its next loop · computed <Age at={plan.generatedAt} />
          </>
        }
        actions={
          <p className="text-sm font-medium tabular-nums" data-testid="plan-summary">
            <span className="text-emerald-700 dark:text-emerald-400">{s.create} create</span> · <span className="text-amber-700 dark:text-amber-400">{s.update} update</span> ·{" "}
            <span className="text-red-700 dark:text-red-400">{s.delete} delete</span>
          </p>
        }
      />
      <div className="mb-4 space-y-2">
        {last && <ApplyResults result={last} onDismiss={() => setLast(null)} />}
        {stale && (
          <Notice tone="red" testId="plan-stale" role="alert">
            <strong>Not applied: the world changed since you reviewed the plan.</strong> Cluster or Cloudflare changed in the meantime, so the server refused it (the
            plan you approve must be exactly the one it would apply). Below is the new plan; review it and approve again.
          </Notice>
        )}
        {newer && !stale && (
          <Notice tone="blue" testId="plan-newer">
            <span className="mr-2">The plan changed while you were reviewing it (cluster or Cloudflare changed).</span>
            <Button variant="secondary" className="py-0.5" onClick={() => reset(null)}>
              Show the new plan
            </Button>
          </Notice>
        )}
        {plan.partial && (
          <Notice testId="plan-partial">Computed from partial or stale data: this plan is for reading only and never deletes.</Notice>
        )}
        {plan.blocked && <BlockedList blocked={plan.blocked} />}
        {plan.reverts.length > 0 && (
          <Notice testId="plan-reverts">
            <p className="font-medium">
              {countOf(plan.reverts.length, "change")} would undo an edit made by hand at Cloudflare.
            </p>
            <p className="text-xs">external-dns reverts these on its next loop whether or not you approve here. To keep an edit, change the source object instead (see the hostname&apos;s fix).</p>
            <ul className="mt-1 space-y-0.5 text-xs">
              {plan.reverts.slice(0, 20).map((r) => (
                <li key={r.index}>
                  <HostLink name={plan.changes[r.index]?.name ?? ""} />: {r.message}
                </li>
              ))}
              {plan.reverts.length > 20 && <li>and {formatCount(plan.reverts.length - 20)} more (marked in the list below)</li>}
            </ul>
          </Notice>
        )}
      </div>
      {!plan.changes.length ? (
        <Empty testId="plan-empty">
          {plan.blocked?.length ? "Nothing to offer: every change is withheld (see above)." : "Nothing to change: Cloudflare matches what external-dns wants."}
        </Empty>
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-12">
          <div className="lg:col-span-8">
            <div className="mb-2 flex gap-2">
              <Button variant="ghost" className="py-0.5 text-xs" onClick={() => select({ kind: "all" })}>
                Select all
              </Button>
              <Button variant="ghost" className="py-0.5 text-xs" onClick={() => select({ kind: "none", count: plan.changes.length })}>
                Select none
              </Button>
            </div>
            <ChangeList
              plan={plan}
              unticked={unticked}
              revertIndexes={reverts}
              readOnly={false}
              onToggle={(indexes, tick) => select({ kind: "toggle", indexes, tick })}
            />
          </div>
          <div className="lg:sticky lg:top-16 lg:col-span-4">
            <ApprovePanel
              count={selected.length}
              deletes={deletes}
              confirmation={confirmation}
              confirmText={confirmText}
              onConfirmText={(t) => {
                startReview();
                setConfirmText(t);
              }}
              disabledReason={disabledReason}
              onApprove={approve}
              pending={apply.isPending}
              error={apply.error}
              hash={plan.hash}
            />
          </div>
        </div>
      )}
    </div>
  );
}
