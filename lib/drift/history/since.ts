// The words of a hostname's timeline: "missing since 14:02", from its newest transition.

/** "14:02" on the same day as `now`, "3 Dec 14:02" otherwise, in the viewer's time zone. */
export function shortTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return new Date(now).toDateString() === d.toDateString() ? time : `${d.toLocaleDateString(undefined, { day: "numeric", month: "short" })} ${time}`;
}

export const baseState = (s: string) => s.split(" (")[0];

export const stateWords = (s: string) => s.replace("in-sync", "in sync").replace("not-published", "not published");

/** From the newest hostname-level transition (record-level ones are ignored); undefined without one. */
export function sinceLine(entries: { type?: string; from: string; to: string; at: string }[], now = Date.now()): string | undefined {
  const latest = entries.find((e) => !e.type);
  if (!latest) return undefined;
  // Seen in that state on the first refresh ever: it may have been so for longer.
  const first = latest.from === "unknown";
  return `${stateWords(baseState(latest.to))} ${first ? "since at least" : "since"} ${shortTime(latest.at, now)}`;
}
