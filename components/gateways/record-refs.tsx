import { StateBadge } from "@/components/ui/badge";
import { HostLink } from "@/components/ui/links";
import type { RecordRef } from "@/lib/api/types";

export function RecordRefs({ records, empty = "no records" }: { records: RecordRef[]; empty?: string }) {
  if (!records.length) return <span className="text-xs text-slate-500 dark:text-slate-400">{empty}</span>;
  return (
    <ul className="space-y-0.5">
      {records.map((r) => (
        <li key={`${r.name}/${r.type}`} className="flex flex-wrap items-center gap-1.5" data-testid="record-ref" data-state={r.state}>
          <StateBadge state={r.state} />
          <span className="font-mono text-[11px] text-slate-600 dark:text-slate-400">{r.type}</span>
          <HostLink name={r.name} />
        </li>
      ))}
    </ul>
  );
}
