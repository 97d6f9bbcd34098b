import { describe, expect, it } from "vitest";
import { containerArgs, expandVars, findExternalDnsContainer, type ContainerLike } from "./container-args";

describe("expandVars (Kubernetes $(VAR) expansion)", () => {
  const vars = new Map([
    ["OWNER", "prod"],
    ["EMPTY", ""],
  ]);
  it.each([
    ["--txt-owner-id=$(OWNER)", "--txt-owner-id=prod"],
    ["$(OWNER)-$(OWNER)", "prod-prod"],
    ["--x=$(UNDEFINED)", "--x=$(UNDEFINED)"],
    ["--x=$$(OWNER)", "--x=$(OWNER)"],
    ["--x=$(EMPTY)y", "--x=y"],
    ["cost: $5", "cost: $5"],
    ["--x=$(OWNER", "--x=$(OWNER"],
  ])("%s → %s", (input, want) => {
    expect(expandVars(input, vars)).toBe(want);
  });
});

describe("findExternalDnsContainer", () => {
  const edns = { name: "main", image: "registry.k8s.io/external-dns/external-dns:v0.20.0" };
  const bitnami = { name: "app", image: "docker.io/bitnami/external-dns:0.15.1-debian-12-r1" };
  const webhook = { name: "webhook", image: "ghcr.io/acme/webhook:v1" };
  const named = { name: "external-dns", image: "mirror.local/edns:v0.20.0" };
  it.each<[string, ContainerLike[], ContainerLike | undefined]>([
    ["by image, sidecar first", [webhook, edns], edns],
    ["distribution image", [webhook, bitnami], bitnami],
    ["by container name when the image is mirrored", [webhook, named], named],
    ["the only container", [webhook], webhook],
    ["none among several", [webhook, { name: "proxy", image: "envoy:v1" }], undefined],
    ["no containers", [], undefined],
  ])("%s", (_, containers, want) => {
    expect(findExternalDnsContainer(containers)).toBe(want);
  });
});

describe("containerArgs", () => {
  it.each<[string, ContainerLike, string[]]>([
    ["args as they are", { args: ["--source=ingress", "--provider", "cloudflare"] }, ["--source=ingress", "--provider", "cloudflare"]],
    ["command with the binary, no args", { command: ["/bin/external-dns", "--source=crd"] }, ["--source=crd"]],
    ["command and args", { command: ["external-dns", "--source=crd"], args: ["--provider=cloudflare"] }, ["--source=crd", "--provider=cloudflare"]],
    [
      "$(VAR) from literal env",
      { args: ["--txt-owner-id=$(CLUSTER)"], env: [{ name: "CLUSTER", value: "prod" }] },
      ["--txt-owner-id=prod"],
    ],
    [
      "env values expand earlier variables",
      { args: ["--txt-owner-id=$(OWNER)"], env: [{ name: "CLUSTER", value: "prod" }, { name: "OWNER", value: "$(CLUSTER)-dns" }] },
      ["--txt-owner-id=prod-dns"],
    ],
  ])("%s", (_, container, want) => {
    expect(containerArgs(container).args).toEqual(want);
  });

  // The flag reader applies these (kingpin's DefaultEnvars); see flag-table.test.ts.
  it.each<[string, ContainerLike, Record<string, string | null>]>([
    ["EXTERNAL_DNS_* variables are passed on", { env: [{ name: "EXTERNAL_DNS_TXT_OWNER_ID", value: "env-owner" }, { name: "CF_API_TOKEN", value: "secret" }] }, { EXTERNAL_DNS_TXT_OWNER_ID: "env-owner" }],
    ["with $(VAR) expanded", { env: [{ name: "CLUSTER", value: "prod" }, { name: "EXTERNAL_DNS_TXT_OWNER_ID", value: "$(CLUSTER)-dns" }] }, { EXTERNAL_DNS_TXT_OWNER_ID: "prod-dns" }],
    ["a name defined twice: the later value", { env: [{ name: "EXTERNAL_DNS_TXT_PREFIX", value: "a-" }, { name: "EXTERNAL_DNS_TXT_PREFIX", value: "b-" }] }, { EXTERNAL_DNS_TXT_PREFIX: "b-" }],
    ["a value from a Secret is unknown (null)", { env: [{ name: "EXTERNAL_DNS_TXT_OWNER_ID", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] }, { EXTERNAL_DNS_TXT_OWNER_ID: null }],
  ])("%s", (_, container, env) => {
    expect(containerArgs(container).env).toEqual(env);
  });

  it.each<[string, ContainerLike, RegExp]>([
    [
      "an argument referring to a Secret-backed variable",
      { args: ["--txt-owner-id=$(OWNER)"], env: [{ name: "OWNER", valueFrom: { configMapKeyRef: { name: "c", key: "k" } } }] },
      /uses \$\(OWNER\)/,
    ],
    ["envFrom", { args: [], envFrom: [{ configMapRef: { name: "edns" } }] }, /envFrom/],
    ["a shell command", { command: ["sh", "-c", "external-dns --source=crd"] }, /does not run external-dns directly/],
  ])("reports %s as unknown (deletes withheld)", (_, container, message) => {
    const { issues } = containerArgs(container);
    expect(issues.map((i) => i.message).join("\n")).toMatch(message);
    expect(issues.every((i) => i.severity === "warning" && i.unmodelled === "config")).toBe(true);
  });

  it("does not warn about a Secret-backed variable that is not a flag and not referenced", () => {
    const { issues } = containerArgs({ args: ["--source=crd"], env: [{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] });
    expect(issues).toEqual([]);
  });
});
