// OpenAPI schemas of the built-in kinds, derived from @kubernetes/client-node's generated models
// (each model lists every field with its type and format), so the emulator serves a schema for
// every field a real server has without shipping Kubernetes' 3 MB swagger document. Nested types
// become named components referenced with $ref, as in kube-apiserver's documents; descriptions
// are not carried by the models and are left out.

import * as k8s from "@kubernetes/client-node";
import type { Schema } from "./crd-schemas";

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}
type Model = { getAttributeTypeMap?: () => Attribute[] };
const models = k8s as unknown as Record<string, Model | undefined>;

/** Model class of each built-in kind, by "group/kind". */
const MODEL_OF: Record<string, string> = {
  "/Namespace": "V1Namespace",
  "/Service": "V1Service",
  "/Pod": "V1Pod",
  "/Node": "V1Node",
  "/ConfigMap": "V1ConfigMap",
  "/Secret": "V1Secret",
  "/ServiceAccount": "V1ServiceAccount",
  "/Event": "CoreV1Event",
  "apps/Deployment": "V1Deployment",
  "apps/DaemonSet": "V1DaemonSet",
  "apps/StatefulSet": "V1StatefulSet",
  "apps/ReplicaSet": "V1ReplicaSet",
  "networking.k8s.io/Ingress": "V1Ingress",
  "networking.k8s.io/IngressClass": "V1IngressClass",
  "discovery.k8s.io/EndpointSlice": "V1EndpointSlice",
  "events.k8s.io/Event": "EventsV1Event",
  "coordination.k8s.io/Lease": "V1Lease",
  "authorization.k8s.io/SubjectAccessReview": "V1SubjectAccessReview",
  "authorization.k8s.io/SelfSubjectAccessReview": "V1SelfSubjectAccessReview",
  "authorization.k8s.io/LocalSubjectAccessReview": "V1LocalSubjectAccessReview",
  "authentication.k8s.io/TokenReview": "V1TokenReview",
};

/** Types that live in apimachinery's meta/v1 package on a real server. */
const META_TYPES = new Set(["ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector", "LabelSelectorRequirement", "Condition"]);
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

/** "V1ServiceSpec" → "ServiceSpec", "EventsV1EventSeries" → "EventSeries". */
const typeName = (cls: string) => cls.replace(/^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, "");

/** The package prefix kube-apiserver uses for a group: io.k8s.api.core.v1, io.k8s.api.networking.v1, … */
export function packageOf(group: string, version: string): string {
  return `io.k8s.api.${group === "" ? "core" : group.split(".")[0]}.${version}`;
}

export function hasBuiltinSchema(group: string, kind: string): boolean {
  return `${group}/${kind}` in MODEL_OF;
}

/**
 * The schemas of one built-in kind and every type it reaches, keyed by component name; the
 * kind's own schema carries x-kubernetes-group-version-kind, which is how kubectl finds it.
 */
export function builtinSchemas(group: string, version: string, kind: string): Record<string, Schema> {
  const top = MODEL_OF[`${group}/${kind}`];
  if (!top) return {};
  const { schemas, nameOf } = modelSchemas(top, packageOf(group, version));
  schemas[nameOf(top)]["x-kubernetes-group-version-kind"] = [{ group, version, kind }];
  return schemas;
}

/** ObjectMeta and the meta/v1 types it reaches, which custom resources' schemas refer to. */
export function objectMetaSchemas(): { name: string; schemas: Record<string, Schema> } {
  return { name: `${META}.ObjectMeta`, schemas: modelSchemas("V1ObjectMeta", META).schemas };
}

function modelSchemas(top: string, pkg: string): { schemas: Record<string, Schema>; nameOf: (cls: string) => string } {
  const out: Record<string, Schema> = {};
  const nameOf = (cls: string) => {
    const t = typeName(cls);
    return META_TYPES.has(t) ? `${META}.${t}` : `${pkg}.${t}`;
  };

  const fieldSchema = (type: string, format: string): Schema => {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: "array", items: fieldSchema(array[1], format) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: "object", additionalProperties: fieldSchema(map[1], format) };
    switch (type) {
      case "string":
        return format ? { type: "string", format } : { type: "string" };
      case "number":
        return { type: "integer", ...(format ? { format } : {}) };
      case "boolean":
        return { type: "boolean" };
      case "Date":
      case "V1MicroTime":
        return { type: "string", format: "date-time" };
      case "IntOrString":
        return { "x-kubernetes-int-or-string": true };
      case "any":
        return { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    }
    if (!models[type]?.getAttributeTypeMap) return { type: "string" };
    visit(type);
    return { allOf: [{ $ref: `#/components/schemas/${nameOf(type)}` }] };
  };

  function visit(cls: string): void {
    const name = nameOf(cls);
    if (out[name]) return;
    const schema: Schema = { type: "object", properties: {} };
    out[name] = schema; // before the fields: recursive types (JSONSchemaProps-like) terminate
    const properties: Record<string, Schema> = {};
    for (const a of models[cls]?.getAttributeTypeMap?.() ?? []) properties[a.baseName] = fieldSchema(a.type, a.format);
    schema.properties = properties;
  }

  visit(top);
  return { schemas: out, nameOf };
}
