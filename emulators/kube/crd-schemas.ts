// The structural schemas of the custom resources the emulator serves (Gateway API standard
// channel and external-dns's DNSEndpoint), shaped like the CRDs' openAPIV3Schema: the fields
// external-dns and dnsdrift read are spelled out with their types and list semantics; deep
// filter and match bodies that nobody here reads keep their shape but not every leaf.
// Served through /openapi/v3 and /openapi/v2 so `kubectl explain` and `kubectl apply` see them.

export type Schema = Record<string, unknown>;

const str = (description?: string, extra: Schema = {}): Schema => ({ type: "string", ...(description ? { description } : {}), ...extra });
const int = (format: "int32" | "int64" = "int32", extra: Schema = {}): Schema => ({ type: "integer", format, ...extra });
const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: "array", items, ...extra });
const strMap = (): Schema => ({ type: "object", additionalProperties: { type: "string" } });
const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: "object", properties, ...extra });
const open = (description: string): Schema => ({ type: "object", description, "x-kubernetes-preserve-unknown-fields": true });

const condition = obj(
  {
    type: str("Type of condition in CamelCase."),
    status: str("Status of the condition, one of True, False, Unknown.", { enum: ["True", "False", "Unknown"] }),
    observedGeneration: int("int64", { minimum: 0 }),
    lastTransitionTime: str("Last time the condition changed.", { format: "date-time" }),
    reason: str("A programmatic identifier for the last transition."),
    message: str("A human readable message about the transition."),
  },
  { required: ["type", "status", "lastTransitionTime", "reason", "message"] },
);
const conditions = arr(condition, { maxItems: 8, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] });

const parentRef = obj(
  {
    group: str("Group of the referent (gateway.networking.k8s.io when unset)."),
    kind: str("Kind of the referent (Gateway when unset)."),
    namespace: str("Namespace of the referent; the route's namespace when unset."),
    name: str("Name of the referent."),
    sectionName: str("Name of a section (a Gateway listener) within the parent."),
    port: int("int32", { description: "Network port the route attaches to, on parents that have ports." }),
  },
  { required: ["name"] },
);
const parentRefs = arr(parentRef, { maxItems: 32, description: "The resources (usually Gateways) the route wants to be attached to." });

const backendRef = obj(
  {
    group: str(),
    kind: str("Kind of the referent (Service when unset)."),
    name: str("Name of the referent."),
    namespace: str(),
    port: int(),
    weight: int("int32", { minimum: 0, maximum: 1000000 }),
  },
  { required: ["name"] },
);
const backendRefs = arr(backendRef, { maxItems: 16 });

const hostnames = arr(str(undefined, { maxLength: 253, minLength: 1 }), {
  maxItems: 16,
  description: "Hostnames matched against the Host header; external-dns publishes them (intersected with the listener's hostname).",
});

const routeStatus = obj({
  parents: arr(
    obj(
      {
        parentRef,
        controllerName: str("Domain-prefixed name of the controller that wrote this status."),
        conditions,
      },
      { required: ["parentRef", "controllerName"] },
    ),
    { maxItems: 32, description: "One entry per parent (Gateway) the route is attached to, with Accepted and ResolvedRefs conditions." },
  ),
});

const routeRule = (extra: Record<string, Schema>, required: string[] = []): Schema =>
  obj({ name: str("Name of the route rule."), ...extra }, required.length ? { required } : {});

const resource = (description: string, spec: Schema, status: Schema, specRequired = false): Schema => ({
  type: "object",
  description,
  properties: {
    apiVersion: str("APIVersion defines the versioned schema of this representation of an object."),
    kind: str("Kind is a string value representing the REST resource this object represents."),
    metadata: { type: "object" },
    spec,
    status,
  },
  ...(specRequired ? { required: ["spec"] } : {}),
});

const listener = obj(
  {
    name: str("Name of the listener, unique within the Gateway."),
    hostname: str("The virtual hostname to match; external-dns publishes routes' hostnames within it."),
    port: int("int32", { minimum: 1, maximum: 65535 }),
    protocol: str("Network protocol this listener expects to receive (HTTP, HTTPS, TLS, TCP, UDP)."),
    tls: open("TLS configuration for the listener."),
    allowedRoutes: obj({
      namespaces: obj({ from: str(undefined, { enum: ["All", "Selector", "Same"] }), selector: open("A label selector for namespaces.") }),
      kinds: arr(obj({ group: str(), kind: str() }, { required: ["kind"] })),
    }),
  },
  { required: ["name", "port", "protocol"] },
);
const listeners = arr(listener, { minItems: 1, maxItems: 64, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] });
const addresses = arr(obj({ type: str(), value: str(undefined, { minLength: 1, maxLength: 253 }) }, { required: ["value"] }), { maxItems: 16 });
const listenerStatus = arr(
  obj(
    {
      name: str(),
      supportedKinds: arr(obj({ group: str(), kind: str() }, { required: ["kind"] })),
      attachedRoutes: int(),
      conditions,
    },
    { required: ["name", "supportedKinds", "attachedRoutes", "conditions"] },
  ),
  { maxItems: 64, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] },
);

const filters = arr(open("A filter applied to requests matching this rule (header modifiers, redirects, rewrites, mirrors)."), { maxItems: 16 });

const httpMatch = obj({
  path: obj({ type: str(undefined, { enum: ["Exact", "PathPrefix", "RegularExpression"] }), value: str() }),
  headers: arr(obj({ type: str(), name: str(), value: str() }, { required: ["name", "value"] })),
  queryParams: arr(obj({ type: str(), name: str(), value: str() }, { required: ["name", "value"] })),
  method: str(),
});
const grpcMatch = obj({
  method: obj({ type: str(), service: str(), method: str() }),
  headers: arr(obj({ type: str(), name: str(), value: str() }, { required: ["name", "value"] })),
});

const routeSpec = (rules: Schema, withHostnames: boolean): Schema =>
  obj({ parentRefs, ...(withHostnames ? { hostnames } : {}), rules: arr(rules, { maxItems: 16 }) });

/** Schemas by "group/kind". */
export const CRD_SCHEMAS: Record<string, Schema> = {
  "gateway.networking.k8s.io/GatewayClass": resource(
    "GatewayClass describes a class of Gateways available to the user for creating Gateway resources.",
    obj(
      {
        controllerName: str("The name of the controller that is managing Gateways of this class."),
        parametersRef: obj({ group: str(), kind: str(), name: str(), namespace: str() }, { required: ["group", "kind", "name"] }),
        description: str(),
      },
      { required: ["controllerName"] },
    ),
    obj({ conditions, supportedFeatures: arr(obj({ name: str() }, { required: ["name"] })) }),
    true,
  ),
  "gateway.networking.k8s.io/Gateway": resource(
    "Gateway represents an instance of a service-traffic handling infrastructure by binding Listeners to a set of IP addresses.",
    obj(
      {
        gatewayClassName: str("The name of a GatewayClass resource."),
        listeners,
        addresses,
        infrastructure: obj({ labels: strMap(), annotations: strMap(), parametersRef: open("Parameters of the implementation.") }),
      },
      { required: ["gatewayClassName", "listeners"] },
    ),
    obj({ addresses, conditions, listeners: listenerStatus }),
    true,
  ),
  "gateway.networking.k8s.io/HTTPRoute": resource(
    "HTTPRoute provides a way to route HTTP requests.",
    routeSpec(routeRule({ matches: arr(httpMatch, { maxItems: 64 }), filters, backendRefs: arr({ ...backendRef, properties: { ...(backendRef.properties as object), filters } }), timeouts: obj({ request: str(), backendRequest: str() }), sessionPersistence: open("Session persistence for the rule.") }), true),
    routeStatus,
    true,
  ),
  "gateway.networking.k8s.io/GRPCRoute": resource(
    "GRPCRoute provides a way to route gRPC requests.",
    routeSpec(routeRule({ matches: arr(grpcMatch, { maxItems: 64 }), filters, backendRefs }), true),
    routeStatus,
  ),
  "gateway.networking.k8s.io/TLSRoute": resource(
    "TLSRoute describes how to route TLS connections by SNI.",
    routeSpec(routeRule({ backendRefs }, ["backendRefs"]), true),
    routeStatus,
    true,
  ),
  "gateway.networking.k8s.io/TCPRoute": resource("TCPRoute provides a way to route TCP requests.", routeSpec(routeRule({ backendRefs }, ["backendRefs"]), false), routeStatus, true),
  "gateway.networking.k8s.io/UDPRoute": resource("UDPRoute provides a way to route UDP traffic.", routeSpec(routeRule({ backendRefs }, ["backendRefs"]), false), routeStatus, true),
  "gateway.networking.k8s.io/ListenerSet": resource(
    "ListenerSet defines a set of additional listeners to attach to an existing Gateway.",
    obj({ parentRef: obj({ group: str(), kind: str(), name: str(), namespace: str() }, { required: ["name"] }), listeners }, { required: ["parentRef", "listeners"] }),
    obj({ conditions, listeners: listenerStatus }),
    true,
  ),
  "externaldns.k8s.io/DNSEndpoint": resource(
    "DNSEndpoint is a contract that a user-specified CRD must implement to be used as a source for external-dns.",
    obj({
      endpoints: arr(
        obj({
          dnsName: str("The hostname of the DNS record."),
          targets: arr(str(), { description: "The targets the DNS record points to." }),
          recordType: str("RecordType type of record, e.g. CNAME, A, AAAA, SRV, TXT etc."),
          recordTTL: int("int64", { description: "TTL for the record." }),
          setIdentifier: str("Identifier to distinguish multiple records with the same name and type."),
          labels: strMap(),
          providerSpecific: arr(obj({ name: str(), value: str() })),
        }),
      ),
    }),
    obj({ observedGeneration: int("int64", { description: "The generation observed by the external-dns controller." }) }),
  ),
};
