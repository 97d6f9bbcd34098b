import { describe, expect, it } from "vitest";
import { DEFAULT_VERSION, formatVersion, parseVersion, versionFromImage } from "./version";

describe("parseVersion", () => {
  it.each([
    ["v0.20.0", 0, 20, 0],
    ["0.21.1", 0, 21, 1],
    ["v0.22.0-debian-12-r3", 0, 22, 0],
    ["0.15.1-debian-12-r1", 0, 15, 1],
    ["v0.21", 0, 21, 0],
    [" v1.2.3 ", 1, 2, 3],
    ["registry.k8s.io/external-dns/external-dns:v0.20.0", 0, 20, 0],
    ["registry.k8s.io/external-dns/external-dns:v0.21.0@sha256:abcdef", 0, 21, 0],
    ["localhost:5000/external-dns:0.22.1", 0, 22, 1],
    // image.tag pinned to a digest, as Renovate writes it
    ["v0.20.0@sha256:2f3b1c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", 0, 20, 0],
    ["0.21.0@sha256:abc", 0, 21, 0],
  ])("%s → %i.%i.%i", (raw, major, minor, patch) => {
    const v = parseVersion(raw);
    expect([v.major, v.minor, v.patch]).toEqual([major, minor, patch]);
    expect(v.raw).toBe(raw.trim());
  });

  it.each(["", "latest", "vx.y", "0", "banana:latest", "v0.20.0 extra", "registry/external-dns", "@sha256:abc", "latest@sha256:abc"])(
    "rejects %j with a message naming it",
    (raw) => {
      expect(() => parseVersion(raw)).toThrow(/is not an external-dns version/);
    },
  );
});

describe("versionFromImage", () => {
  it.each([
    ["registry.k8s.io/external-dns/external-dns:v0.20.0", "v0.20.0"],
    ["registry.k8s.io/external-dns/external-dns:v0.20.0@sha256:0123456789abcdef", "v0.20.0"],
    ["docker.io/bitnami/external-dns:0.15.1-debian-12-r1", "v0.15.1"],
    ["my-registry:5000/external-dns:v0.21.0", "v0.21.0"],
  ])("%s → %s", (image, expected) => {
    expect(formatVersion(versionFromImage(image)!)).toBe(expected);
  });

  it.each([
    "registry.k8s.io/external-dns/external-dns",
    "registry.k8s.io/external-dns/external-dns:latest",
    "my-registry:5000/external-dns",
    "registry.k8s.io/external-dns/external-dns@sha256:0123",
  ])("%s has no version", (image) => {
    expect(versionFromImage(image)).toBeUndefined();
  });
});

it("DEFAULT_VERSION is the latest release covered by the spec", () => {
  expect(formatVersion(DEFAULT_VERSION)).toBe("v0.22.0");
});
