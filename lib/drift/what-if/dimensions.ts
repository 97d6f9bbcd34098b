// What differs between two configurations, one dimension at a time, and configurations that
// differ in only some of them. The attribution re-runs the pipeline over such configurations, so
// a difference is blamed on the dimension that really makes it (e.g. a new version with the
// annotation prefix pinned isolates the version's own behaviour from the prefix switch).

import { FLAGS } from "../../externaldns/config-flags";
import { formatVersion } from "../../externaldns/version";
import type { Config } from "../../externaldns/types";
import type { Dimension } from "./types";

/** Config fields a dimension carries over from one configuration to the other. */
export interface ConfigDimension extends Dimension {
  fields: (keyof Config)[];
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function dimensionsBetween(from: Config, to: Config): ConfigDimension[] {
  const out: ConfigDimension[] = [];
  if (formatVersion(from.version) !== formatVersion(to.version)) {
    out.push({ kind: "version", flag: "version", from: formatVersion(from.version), to: formatVersion(to.version), fields: ["version"] });
  }
  if (from.annotationPrefix !== to.annotationPrefix) {
    out.push({ kind: "annotation-prefix", flag: "--annotation-prefix", from: from.annotationPrefix, to: to.annotationPrefix, fields: ["annotationPrefix", "annotationPrefixExplicit"] });
  }
  for (const [name, [, field]] of Object.entries(FLAGS)) {
    if (field === "annotationPrefix" || same(from[field], to[field])) continue;
    out.push({ kind: "flag", flag: `--${name}`, from: show(from[field]), to: show(to[field]), fields: [field] });
  }
  return out;
}

/** `base` with the fields of the given dimensions taken from `other`. */
export function withDimensions(base: Config, other: Config, dims: ConfigDimension[]): Config {
  const out: Config = { ...base };
  for (const d of dims) for (const f of d.fields) Object.assign(out, { [f]: other[f] });
  return out;
}

export function publicDimension(d: ConfigDimension): Dimension {
  return { kind: d.kind, flag: d.flag, from: d.from, to: d.to };
}

/** One string per configuration, whatever order its fields were set in (runs are memoised by it). */
export function configKey(config: Config): string {
  return JSON.stringify(
    Object.keys(config)
      .sort()
      .map((k) => [k, config[k as keyof Config]]),
  );
}
