// Offline validation of rendered Kubernetes objects, as strict as `kubectl apply
// --validate=strict` without a cluster: kubernetes-models' JSON-schema validators (types, enums,
// required fields) plus an unknown-field walk over @kubernetes/client-node's generated models,
// which list every field of every built-in type.

import * as k8s from "@kubernetes/client-node";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Model {
  validate(): void;
}

const BUILTIN: Record<string, { model: new (data: never) => Model; type: string }> = {
  "apps/v1/Deployment": { model: Deployment, type: "V1Deployment" },
  "v1/Service": { model: Service, type: "V1Service" },
  "v1/ServiceAccount": { model: ServiceAccount, type: "V1ServiceAccount" },
  "v1/PersistentVolumeClaim": { model: PersistentVolumeClaim, type: "V1PersistentVolumeClaim" },
  "networking.k8s.io/v1/NetworkPolicy": { model: NetworkPolicy, type: "V1NetworkPolicy" },
  "rbac.authorization.k8s.io/v1/ClusterRole": { model: ClusterRole, type: "V1ClusterRole" },
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": { model: ClusterRoleBinding, type: "V1ClusterRoleBinding" },
  "rbac.authorization.k8s.io/v1/Role": { model: Role, type: "V1Role" },
  "rbac.authorization.k8s.io/v1/RoleBinding": { model: RoleBinding, type: "V1RoleBinding" },
};

export const isBuiltin = (o: KubeObject) => `${o.apiVersion}/${o.kind}` in BUILTIN;

type AttributeMap = { baseName: string; type: string }[];
const models = k8s as unknown as Record<string, { getAttributeTypeMap?: () => AttributeMap } | undefined>;

/** Paths of fields the type does not have, e.g. "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem". */
export function unknownFields(value: unknown, type: string, at = ""): string[] {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return Array.isArray(value) ? value.flatMap((v, i) => unknownFields(v, array[1], `${at}[${i}]`)) : [];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return typeof value === "object" ? Object.entries(value as object).flatMap(([k, v]) => unknownFields(v, map[1], `${at}.${k}`)) : [];
  }
  const attributes = models[type]?.getAttributeTypeMap?.();
  if (!attributes) return []; // scalars, IntOrString, Quantity, Date: the schema validator checks them
  if (typeof value !== "object" || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const attr = attributes.find((a) => a.baseName === key);
    if (!attr) out.push(`${at ? `${at}.` : ""}${key}`);
    else out.push(...unknownFields(v, attr.type, `${at ? `${at}.` : ""}${key}`));
  }
  return out;
}

/** Every problem with a built-in object: schema violations and unknown fields. */
export function validateBuiltin(obj: KubeObject): string[] {
  const entry = BUILTIN[`${obj.apiVersion}/${obj.kind}`];
  if (!entry) return [`${obj.apiVersion} ${obj.kind} is not a kind this test knows how to validate`];
  const problems: string[] = [];
  try {
    new entry.model(structuredClone(obj) as never).validate();
  } catch (e) {
    problems.push((e as Error).message);
  }
  problems.push(...unknownFields(obj, entry.type).map((p) => `unknown field ${p}`));
  return problems;
}
