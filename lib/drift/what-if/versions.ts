// The external-dns releases whose behaviour dnsdrift models, oldest first: the versions a what-if
// may target. Kept free of imports so the browser bundle can read it.

export const MODELLED_VERSIONS = ["v0.20.0", "v0.21.0", "v0.22.0"] as const;

function minorOf(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The newest modelled release newer than `version` (compared by major.minor), if any. */
export function newestModelledAfter(version: string): string | undefined {
  const v = minorOf(version);
  if (!v) return undefined;
  const newest = MODELLED_VERSIONS[MODELLED_VERSIONS.length - 1];
  const n = minorOf(newest)!;
  return n[0] > v[0] || (n[0] === v[0] && n[1] > v[1]) ? newest : undefined;
}
