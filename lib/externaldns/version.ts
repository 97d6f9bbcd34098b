// external-dns release numbers, as users write them: a bare version, a `v`-prefixed tag, a
// distribution tag such as Bitnami's "0.15.1-debian-12-r1", or a whole image reference.

import type { Version } from "./types";

const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * The release assumed when neither `--external-dns-version` nor an image tag tells it: the latest
 * release the spec covers (v0.22.0). Guessing the newest one means a stale guess shows the newest
 * behaviour (GA annotation prefix, mandatory --policy), and the config always carries a warning
 * saying the version was assumed.
 */
export const DEFAULT_VERSION: Version = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };

/**
 * Parses a version or an image reference's tag; throws when the text is neither. A tag pinned to
 * a digest ("v0.20.0@sha256:…", as Renovate writes image.tag) is that tag's version.
 */
export function parseVersion(raw: string): Version {
  const text = raw.trim();
  const fromTag = VERSION_RE.exec(text.split("@")[0]);
  if (fromTag) return toVersion(fromTag, text);
  if (text.includes(":") || text.includes("/")) {
    const fromImage = versionFromImage(text);
    if (fromImage) return { ...fromImage, raw: text };
  }
  throw new Error(`"${raw}" is not an external-dns version (expected something like v0.21.0)`);
}

/**
 * The version in an image reference's tag, e.g. "registry.k8s.io/external-dns/external-dns:v0.20.0"
 * or "…:v0.20.0@sha256:…". Undefined when there is no tag or the tag is not a version ("latest").
 */
export function versionFromImage(image: string): Version | undefined {
  const withoutDigest = image.trim().split("@")[0];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  if (colon < 0) return undefined;
  const tag = withoutDigest.slice(colon + 1);
  const m = VERSION_RE.exec(tag);
  return m ? toVersion(m, tag) : undefined;
}

export function formatVersion(v: Version): string {
  return `v${v.major}.${v.minor}.${v.patch}`;
}

function toVersion(m: RegExpExecArray, raw: string): Version {
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw };
}
