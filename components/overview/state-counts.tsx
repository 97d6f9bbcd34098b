import Link from "next/link";
import { withInstance } from "@/components/api/state";
import { STATE_HELP, STATE_LABEL, STATE_TONE } from "@/components/ui/badge";
import { RECORD_STATES, type RecordState } from "@/lib/api/types";

const ACCENT: Record<string, string> = {
  green: "border-l-emerald-500",
  blue: "border-l-sky-500",
  amber: "border-l-amber-500",
  orange: "border-l-orange-500",
  red: "border-l-red-500",
  violet: "border-l-violet-500",
  slate: "border-l-slate-400",
  muted: "border-l-slate-300 dark:border-l-slate-600",
};

export function StateCounts({ counts, instance }: { counts: Record<RecordState, number>; instance: string | null }) {
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title" className="sr-only">
        Records by state
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
        {RECORD_STATES.map((state) => {
          const n = counts[state] ?? 0;
          return (
            <li key={state}>
              <Link
                href={withInstance(`/records?state=${state}`, instance)}
                data-testid={`count-${state}`}
                title={STATE_HELP[state]}
                className={`block rounded-md border border-l-4 border-slate-200 bg-white px-3 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-y-slate-800 dark:border-r-slate-800 dark:bg-slate-900 dark:hover:bg-slate-800 ${ACCENT[STATE_TONE[state]]} ${n === 0 ? "opacity-70" : ""}`}
              >
                <span className="block text-2xl font-semibold tabular-nums leading-tight">{n}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{STATE_LABEL[state]}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
