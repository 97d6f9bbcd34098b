// Turns the text of one manifest file into its documents' plain values. `.json` files go
// through JSON.parse; YAML of the plain block shape `kubectl get -o yaml` writes through a
// line reader (manifest-block-yaml.ts); anything else through the reader the caller passes:
// js-yaml (manifest-js-yaml.ts, the same scalar rules, so both give the same values), and for
// what js-yaml refuses `yaml` (manifest-yaml.ts), whose errors say more. The caller passes them
// so that a run whose files the line reader reads loads neither (see loadManifestsLazily).

import { InputError } from "../externaldns/errors";
import { readBlockYaml } from "./manifest-block-yaml";
import { resolvePlain } from "./manifest-scalars";

/** Reads a YAML text a faster reader refused: one value per document, or an InputError naming the file. */
export type SlowYamlReader = (text: string, file: string) => unknown[];

/** One value per document, in order; empty documents are null. */
export function parseManifestDocuments(text: string, file: string, slow: SlowYamlReader): unknown[] {
  if (file.toLowerCase().endsWith(".json")) return [parseJson(text, file)];
  return readBlockYaml(text, resolvePlain) ?? slow(text, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
}
