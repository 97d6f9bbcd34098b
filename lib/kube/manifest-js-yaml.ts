// js-yaml for the manifest text the line reader (manifest-block-yaml.ts) leaves: a general YAML
// reader an order of magnitude faster than `yaml` on large multi-document streams, with the
// same scalar rules (manifest-scalars.ts). Loaded on demand: a plan whose manifests are all
// plain block YAML never loads js-yaml (~15–20 ms of start-up).

import { CORE_SCHEMA, Type, loadAll } from "js-yaml";
import { isFloat, isInt, toFloat, toInt } from "./manifest-scalars";
import type { SlowYamlReader } from "./manifest-text";

const intType = new Type("tag:yaml.org,2002:int", { kind: "scalar", resolve: (s: string | null) => s !== null && isInt(s), construct: toInt });
const floatType = new Type("tag:yaml.org,2002:float", { kind: "scalar", resolve: (s: string | null) => s !== null && isFloat(s), construct: toFloat });
const SCHEMA = CORE_SCHEMA.extend({ implicit: [intType, floatType] });

/**
 * A reader that gives what js-yaml reads, and hands what js-yaml refuses to `slow` (the `yaml`
 * reader, manifest-yaml.ts, which reports the error its own way or, where the two readers
 * disagree on an edge of the spec, gives its result).
 */
export function withJsYaml(slow: SlowYamlReader): SlowYamlReader {
  return (text, file) => {
    try {
      return loadAll(text, undefined, { schema: SCHEMA, filename: file });
    } catch {
      return slow(text, file);
    }
  };
}
