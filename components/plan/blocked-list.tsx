// Changes the plan withholds because the desired state may be incomplete (a source or setting
// dnsdrift does not model, or partial inputs): shown so a reviewer sees what is not offered and why.

import { Notice } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import type { PlanResponse } from "@/lib/api/types";

export function BlockedList({ blocked }: { blocked: NonNullable<PlanResponse["blocked"]> }) {
  const data = blocked.filter((b) => !b.ownershipOf);
  if (!data.length) return null;
  const why = [...new Map(data.flatMap((b) => b.blockedBy).map((w) => [`${w.code} ${w.subject}`, w] as const)).values()];
  return (
    <Notice testId="plan-blocked">
      <p className="font-medium">
        {data.length} change{data.length === 1 ? " is" : "s are"} withheld: neither offered nor applied, because what dnsdrift cannot see may still want{" "}
        {data.length === 1 ? "it" : "them"}, or want {data.length === 1 ? "it" : "them"} differently.
      </p>
      <ul className="mt-1 space-y-0.5 text-xs">
        {why.map((w) => (
          <li key={`${w.code} ${w.subject}`}>
            <span className="font-mono">{w.code}</span> · <span className="font-mono">{w.subject}</span>: {w.message}
          </li>
        ))}
      </ul>
      <ul className="mt-1 space-y-0.5 text-xs" data-testid="plan-blocked-changes">
        {data.map((b) => (
          <li key={`${b.action} ${b.type} ${b.name} ${b.content}`}>
            {b.action} {b.type} <HostLink name={b.name} /> <span className="font-mono">{b.content}</span> ({[...new Set(b.blockedBy.map((w) => w.code))].join(", ")})
          </li>
        ))}
      </ul>
    </Notice>
  );
}
