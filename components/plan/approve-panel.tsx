"use client";

import { useId } from "react";
import { ApiRequestError } from "@/components/api/fetch-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorBox, Spinner } from "@/components/ui/feedback";
import type { Confirmation } from "@/lib/drift/safety";
import { countOf } from "@/components/ui/format";

export function ApprovePanel({
  count,
  deletes,
  confirmation,
  confirmText,
  onConfirmText,
  disabledReason,
  onApprove,
  pending,
  error,
  hash,
}: {
  count: number;
  deletes: number;
  confirmation: Confirmation;
  confirmText: string;
  onConfirmText: (s: string) => void;
  disabledReason?: string;
  onApprove: () => void;
  pending: boolean;
  error: unknown;
  hash: string;
}) {
  const inputId = useId();
  const needsPhrase = confirmation.required;
  const phraseOk = !needsPhrase || confirmText.trim() === confirmation.phrase;
  const reason = disabledReason ?? (!phraseOk ? `Type "${confirmation.phrase}" to confirm` : undefined);
  // A 409 with a new plan is shown by the page; other refusals belong here.
  const showError = !!error && !(error instanceof ApiRequestError && error.status === 409 && error.body?.plan);
  return (
    <Card title="Approve" subtitle={<span className="font-mono">plan {hash.slice(0, 12)}</span>} testId="approve-panel">
      <div className="space-y-3">
        <p className="text-sm">
          {count === 0 ? "No change selected." : `${countOf(count, "change")} selected (ownership TXT records included)`}
          {deletes > 0 && <span className="font-medium text-red-800 dark:text-red-300">, {countOf(deletes, "delete")}</span>}.
        </p>
        {needsPhrase && (
          <div className="space-y-1.5 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950/40" data-testid="confirmation">
            <p className="text-sm font-medium text-red-900 dark:text-red-100">This needs a typed confirmation:</p>
            <ul className="list-disc pl-5 text-xs text-red-900 dark:text-red-200">
              {confirmation.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <label htmlFor={inputId} className="block text-xs text-red-900 dark:text-red-100">
              Type <strong className="font-mono">{confirmation.phrase}</strong> to confirm
            </label>
            <input
              id={inputId}
              data-testid="confirm-input"
              value={confirmText}
              onChange={(e) => onConfirmText(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="h-8 w-full rounded-md border border-red-300 bg-white px-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-red-600 dark:border-red-700 dark:bg-slate-900"
            />
          </div>
        )}
        <Button
          variant={deletes > 0 ? "danger" : "primary"}
          className="w-full"
          data-testid="approve-button"
          disabled={!!reason || pending}
          aria-describedby={reason ? `${inputId}-why` : undefined}
          onClick={onApprove}
        >
          {pending && <Spinner className="size-4 text-white" />}
          {pending ? "Applying…" : `Approve and apply${count ? ` ${count}` : ""}`}
        </Button>
        {reason && (
          <p id={`${inputId}-why`} className="text-xs text-slate-700 dark:text-slate-300" data-testid="approve-disabled-reason">
            {reason}
          </p>
        )}
        {showError && <ErrorBox title="Not applied" error={error} />}
        <p className="text-xs text-slate-600 dark:text-slate-400">
          The server recomputes the plan from fresh data and applies only if it is still exactly this one.
        </p>
      </div>
    </Card>
  );
}
