// Kubernetes objects from manifest files (manifest-load.ts), with js-yaml for what the line
// reader leaves and the `yaml` reader for what js-yaml refuses. Used by snapshot mode of the
// dashboard, what-if and the tests.

import type { KubeObject } from "../externaldns/types";
import { loadManifestsWith, parseManifestText as parseWith, type LoadedManifests } from "./manifest-load";
import { withJsYaml } from "./manifest-js-yaml";
import { parseWithYaml } from "./manifest-yaml";

export { manifestFiles } from "./manifest-load";

const reader = withJsYaml(parseWithYaml);

/** Parses one file's text into raw objects; `kind: List` items are flattened. */
export function parseManifestText(text: string, file: string): KubeObject[] {
  return parseWith(text, file, reader);
}

/**
 * Reads every manifest under the given paths into ClusterObjects. Deployments are kept aside
 * (not engine input, but they tell which external-dns instances run and how).
 */
export function loadManifests(paths: string[]): LoadedManifests {
  return loadManifestsWith(paths, reader);
}
