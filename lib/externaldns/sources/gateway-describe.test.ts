import { describe, expect, it } from "vitest";
import { describeGateway } from "./gateway";
import { ALPHA, cluster, config, gateway, route } from "./gateway.testkit";

describe("describeGateway", () => {
  const cfg = config({ v: "v0.20.0", gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true" });
  const external = gateway("networking", "envoy-external", {
    labels: { "external-dns.alpha.kubernetes.io/enabled": "true" },
    annotations: { [`${ALPHA}target`]: "external.example.com.", [`${ALPHA}cloudflare-proxied`]: "true" },
    addresses: ["192.168.0.239"],
    listeners: [
      { name: "http", protocol: "HTTP", port: 80, hostname: "*.example.com", from: "All" },
      { name: "https", protocol: "HTTPS", port: 443, from: "All" },
    ],
  });
  const internal = gateway("networking", "envoy-internal", { addresses: ["192.168.0.240"] });
  const objects = cluster({
    gateways: [external, internal],
    routes: [
      route("observability", "grafana", { hostnames: ["grafana.example.com"], parents: [{ name: "envoy-internal", namespace: "networking" }] }),
      route("default", "app", { hostnames: ["App.Example.com"], parents: [{ name: "envoy-external", namespace: "networking" }] }),
    ],
  });

  it("describes a processed Gateway with annotation targets, listeners and ignored annotations", () => {
    const d = describeGateway(external, objects, cfg);
    expect(d).toMatchObject({
      resource: "gateway/networking/envoy-external",
      processed: true,
      targets: ["external.example.com"],
      targetSource: "annotation",
      listeners: [
        { name: "http", protocol: "HTTP", port: 80, hostname: "*.example.com" },
        { name: "https", protocol: "HTTPS", port: 443 },
      ],
    });
    expect(d.exclusion).toBeUndefined();
    expect(d.ignoredAnnotations).toEqual([
      expect.objectContaining({ code: "annotation-ignored-here", resource: "gateway/networking/envoy-external", hostnames: ["app.example.com"] }),
    ]);
  });

  it("describes an excluded Gateway with its exclusion and status targets", () => {
    const d = describeGateway(internal, objects, cfg);
    expect(d.processed).toBe(false);
    expect(d.targetSource).toBe("status");
    expect(d.targets).toEqual(["192.168.0.240"]);
    expect(d.exclusion).toEqual({
      code: "gateway-label-filter",
      resource: "gateway/networking/envoy-internal",
      severity: "info",
      message: "Gateway networking/envoy-internal does not match --gateway-label-filter external-dns.alpha.kubernetes.io/enabled=true",
      hostnames: ["grafana.example.com"],
    });
  });

  it.each([
    [config({ gatewayName: "other" }), "gateway-name-filter"],
    [config({ gatewayNamespace: "other" }), "gateway-namespace-filter"],
    [config({ gatewayLabelFilter: "a in (b" }), "gateway-label-filter"],
  ])("excludes by %#: %s", (c, code) => {
    expect(describeGateway(internal, objects, c).exclusion?.code).toBe(code);
  });

  it("has no targets without annotation or addresses", () => {
    const bare = gateway("x", "bare");
    expect(describeGateway(bare, cluster({}), config())).toMatchObject({ targets: [], targetSource: "none", processed: true, ignoredAnnotations: [] });
  });

  it("hints at labels when a label-filter key is set as an annotation", () => {
    const g = gateway("x", "g", { annotations: { [`${ALPHA}enabled`]: "true" } });
    const d = describeGateway(g, cluster({}), config({ gatewayLabelFilter: `${ALPHA}enabled=true` }));
    expect(d.processed).toBe(false);
    expect(d.ignoredAnnotations[0].message).toContain("put external-dns.alpha.kubernetes.io/enabled under metadata.labels");
  });
});
