"use client";

// What-if: what external-dns would do after an upgrade or a configuration change, compared with
// what it does today, with the causes, the risks, the fixes and a safe order of steps.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { ErrorBox, Loading, Notice } from "@/components/ui/feedback";
import { getWhatIfQueryOptions, whatIfSearch } from "./api";
import { ChangeGroups } from "./differences";
import { SafeOrder, WhatIfFixes } from "./fixes-and-order";
import { WhatIfForm } from "./what-if-form";
import type { WhatIfResponse } from "@/lib/api/types";
import { countOf } from "@/components/ui/format";

function Summary({ doc }: { doc: WhatIfResponse }) {
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
  const res = useQuery({ ...getWhatIfQueryOptions(query), placeholderData: keepPreviousData });
  const compare = (toVersion: string, args: string[]) => {
    router.replace(`${pathname}${whatIfSearch({ instance: query.instance, toVersion, args })}`);
  };

  const doc = res.data;
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
          {doc.partial && <Notice>Some inputs are partial or stale: deletes on either side may be missing from this comparison.</Notice>}
          {!res.isError && (
            <>
              <Summary doc={doc} />
              <div className="grid items-start gap-4 xl:grid-cols-5">
                <div className="space-y-4 xl:col-span-3">
                  <ChangeGroups title="Differences, by cause" changes={doc.differences} testId="what-if-differences" empty="Nothing external-dns would do that it does not do today." />
                  {doc.vanishing.length > 0 && (
                    <ChangeGroups title="No longer happening" changes={doc.vanishing} testId="what-if-vanishing" empty="" />
                  )}
                  {doc.newlyBlocked.length > 0 && (
                    <Card title="Newly blocked" subtitle="external-dns would stop here, where it does not today" testId="what-if-blocked">
                      <ul className="space-y-1 text-sm">
                        {doc.newlyBlocked.map((r, i) => (
                          <li key={`${r.code}-${i}`}>
                            <span className="font-mono text-xs">{r.code}</span> — {r.message}
                          </li>
                        ))}
                      </ul>
                    </Card>
                  )}
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
