"use client";

// What-if: what external-dns would do after an upgrade or a configuration change, compared with
// what it does today, with the causes, the risks, the fixes and a safe order of steps.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { ErrorBox, Loading, Notice } from "@/components/ui/feedback";
import { whatIfSearch, type WhatIfParams } from "./api";
import { ChangeGroups } from "./differences";
import { SafeOrder, WhatIfFixes } from "./fixes-and-order";
import { NewlyBlocked } from "./newly-blocked";
import { getWhatIfOutlineQueryOptions, usePrefetchDifferences } from "./views-api";
import { WhatIfForm } from "./what-if-form";
import type { WhatIfOutlineResponse } from "@/lib/api/what-if-views";
import { countOf } from "@/components/ui/format";

function Summary({ doc }: { doc: WhatIfOutlineResponse }) {
  const s = doc.summary;
  const warn = Object.entries(s.consequences);
  return (
    <Card title="Summary" testId="what-if-summary">
      <p className="text-sm">
        external-dns <strong>{doc.current.version}</strong> → <strong>{doc.next.version}</strong>
        {doc.current.annotationPrefix !== doc.next.annotationPrefix && (
          <>
            {" "}
            · annotation prefix <code className="font-mono text-xs">{doc.current.annotationPrefix}</code> →{" "}
            <code className="font-mono text-xs">{doc.next.annotationPrefix}</code>
          </>
        )}
      </p>
      <p className="mt-1 text-sm" data-testid="what-if-counts">
        {s.differences
          ? `${countOf(s.differences, "difference")}: ${s.create} to create, ${s.update} to update, ${s.delete} to delete`
          : "No differences: external-dns would plan exactly what it plans today."}
        {s.vanishing ? ` · ${s.vanishing} of today's changes would no longer happen` : ""}
      </p>
      {doc.changed.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2 text-xs">
          {doc.changed.map((d) => (
            <li key={d.flag}>
              <Badge tone="slate">
                {d.kind === "version" ? "version" : d.flag} {d.from || "(unset)"} → {d.to || "(unset)"}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {warn.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="warnings">
          {warn.map(([code, n]) => (
            <li key={code}>
              <Badge tone="amber">
                ⚠ {code} × {n}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function WhatIfPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = { instance: params.get("instance"), toVersion: params.get("toVersion"), args: params.getAll("arg") };
  // The outline first (no change lists); each list then reads its changes a page at a time.
  const res = useQuery({ ...getWhatIfOutlineQueryOptions(query), placeholderData: keepPreviousData });
  usePrefetchDifferences(query);
  const compare = (toVersion: string, args: string[]) => {
    router.replace(`${pathname}${whatIfSearch({ instance: query.instance, toVersion, args })}`);
  };

  const doc = res.data;
  // The lists follow the outline shown (the previous one while a new comparison computes).
  const shown: WhatIfParams = { instance: query.instance, toVersion: doc?.query.toVersion ?? null, args: doc?.query.args ?? [] };
  return (
    <div className="space-y-4">
      <PageHeader
        title="What-if"
        description="What external-dns would do after an upgrade or a configuration change, compared with what it does today, against the same Cloudflare records."
      />
      {!doc && res.isPending && <Loading label="Computing both plans…" />}
      {res.isError && <ErrorBox title="Cannot compute this what-if" error={res.error} retry={doc ? undefined : () => compare("", [])} />}
      {doc && (
        <>
          <Card title="Next configuration" subtitle={`external-dns ${doc.instance}, running ${doc.current.version}`}>
            <WhatIfForm key={JSON.stringify(doc.query)} doc={doc} onCompare={compare} busy={res.isFetching} />
          </Card>
          {doc.partial && <Notice>Some inputs are partial or stale, and both plans here are computed from them: a delete on either side may only be for want of what did not load.</Notice>}
          {!res.isError && (
            <>
              <Summary doc={doc} />
              <div className="grid items-start gap-4 xl:grid-cols-5">
                <div className="space-y-4 xl:col-span-3">
                  <ChangeGroups
                    key={`differences-${JSON.stringify(doc.query)}`}
                    title="Differences, by cause"
                    list="differences"
                    outline={doc.lists.differences}
                    params={shown}
                    testId="what-if-differences"
                    empty="Nothing external-dns would do that it does not do today."
                  />
                  {doc.lists.vanishing.total > 0 && (
                    <ChangeGroups
                      key={`vanishing-${JSON.stringify(doc.query)}`}
                      title="No longer happening"
                      list="vanishing"
                      outline={doc.lists.vanishing}
                      params={shown}
                      testId="what-if-vanishing"
                      empty=""
                    />
                  )}
                  <NewlyBlocked blocked={doc.newlyBlocked} />
                </div>
                <div className="space-y-4 xl:col-span-2">
                  <SafeOrder order={doc.order} />
                  <WhatIfFixes fixes={doc.fixes} />
                </div>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
