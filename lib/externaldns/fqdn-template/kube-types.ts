// The Go types external-dns hands to --fqdn-template, as far as templates reach into them:
// TypeMeta and ObjectMeta (embedded, so .Name and .Kind work), and the spec/status of the kinds
// whose sources honour templates. Field names are Go's (.Spec.Hostnames, .Status.LoadBalancer);
// parts not listed here are read from the JSON where present and reported as unmodelled where
// absent, instead of guessing their zero value.

import { bool, f, type Field, type GoType, int, mapOf, opaque, ptr, sliceOf, str, struct } from "./values";

const time = opaque("v1.Time");
const open = (name: string) => struct(name);

const typeMeta = struct("v1.TypeMeta", [f("Kind", "kind", str()), f("APIVersion", "apiVersion", str())]);

const objectMeta = struct("v1.ObjectMeta", [
  f("Name", "name", str()),
  f("GenerateName", "generateName", str()),
  f("Namespace", "namespace", str()),
  f("SelfLink", "selfLink", str()),
  f("UID", "uid", str("types.UID")),
  f("ResourceVersion", "resourceVersion", str()),
  f("Generation", "generation", int("int64")),
  f("CreationTimestamp", "creationTimestamp", time),
  f("DeletionTimestamp", "deletionTimestamp", ptr(time)),
  f("DeletionGracePeriodSeconds", "deletionGracePeriodSeconds", ptr(int("int64"))),
  f("Labels", "labels", mapOf(str())),
  f("Annotations", "annotations", mapOf(str())),
  f("OwnerReferences", "ownerReferences", sliceOf(open("v1.OwnerReference"))),
  f("Finalizers", "finalizers", sliceOf(str())),
  f("ManagedFields", "managedFields", sliceOf(open("v1.ManagedFieldsEntry"))),
]);

const condition = struct("v1.Condition", [
  f("Type", "type", str()),
  f("Status", "status", str("v1.ConditionStatus")),
  f("ObservedGeneration", "observedGeneration", int("int64")),
  f("LastTransitionTime", "lastTransitionTime", time),
  f("Reason", "reason", str()),
  f("Message", "message", str()),
]);

const parentRef = struct("v1.ParentReference", [
  f("Group", "group", ptr(str("v1.Group"))),
  f("Kind", "kind", ptr(str("v1.Kind"))),
  f("Namespace", "namespace", ptr(str("v1.Namespace"))),
  f("Name", "name", str("v1.ObjectName")),
  f("SectionName", "sectionName", ptr(str("v1.SectionName"))),
  f("Port", "port", ptr(int("v1.PortNumber"))),
]);

const commonRouteSpec = struct("v1.CommonRouteSpec", [f("ParentRefs", "parentRefs", sliceOf(parentRef))]);

const routeStatus = struct("v1.RouteStatus", [
  f(
    "Parents",
    "parents",
    sliceOf(
      struct("v1.RouteParentStatus", [
        f("ParentRef", "parentRef", parentRef),
        f("ControllerName", "controllerName", str("v1.GatewayController")),
        f("Conditions", "conditions", sliceOf(condition)),
      ]),
    ),
  ),
]);

function routeSpec(pkg: string, kind: string, hostnames: boolean): GoType {
  const fields: Field[] = [f("CommonRouteSpec", null, commonRouteSpec, true)];
  if (hostnames) fields.push(f("Hostnames", "hostnames", sliceOf(str("v1.Hostname"))));
  fields.push(f("Rules", "rules", sliceOf(open(`${pkg}.${kind}Rule`))));
  return struct(`${pkg}.${kind}Spec`, fields);
}

function routeStatusOf(pkg: string, kind: string): GoType {
  return struct(`${pkg}.${kind}Status`, [f("RouteStatus", null, routeStatus, true)]);
}

const ingressLBIngress = struct("v1.IngressLoadBalancerIngress", [
  f("IP", "ip", str()),
  f("Hostname", "hostname", str()),
  f("Ports", "ports", sliceOf(open("v1.IngressPortStatus"))),
]);

const ingressSpec = struct("v1.IngressSpec", [
  f("IngressClassName", "ingressClassName", ptr(str())),
  f("DefaultBackend", "defaultBackend", ptr(open("v1.IngressBackend"))),
  f("TLS", "tls", sliceOf(struct("v1.IngressTLS", [f("Hosts", "hosts", sliceOf(str())), f("SecretName", "secretName", str())]))),
  f(
    "Rules",
    "rules",
    sliceOf(
      struct("v1.IngressRule", [
        f("Host", "host", str()),
        f("IngressRuleValue", null, struct("v1.IngressRuleValue", [f("HTTP", "http", ptr(open("v1.HTTPIngressRuleValue")))]), true),
      ]),
    ),
  ),
]);

const ingressStatus = struct("v1.IngressStatus", [
  f("LoadBalancer", "loadBalancer", struct("v1.IngressLoadBalancerStatus", [f("Ingress", "ingress", sliceOf(ingressLBIngress))])),
]);

const servicePort = struct("v1.ServicePort", [
  f("Name", "name", str()),
  f("Protocol", "protocol", str("v1.Protocol")),
  f("AppProtocol", "appProtocol", ptr(str())),
  f("Port", "port", int("int32")),
  f("TargetPort", "targetPort", opaque("intstr.IntOrString")),
  f("NodePort", "nodePort", int("int32")),
]);

const serviceSpec = struct("v1.ServiceSpec", [
  f("Ports", "ports", sliceOf(servicePort)),
  f("Selector", "selector", mapOf(str())),
  f("ClusterIP", "clusterIP", str()),
  f("ClusterIPs", "clusterIPs", sliceOf(str())),
  f("Type", "type", str("v1.ServiceType")),
  f("ExternalIPs", "externalIPs", sliceOf(str())),
  f("SessionAffinity", "sessionAffinity", str("v1.ServiceAffinity")),
  f("LoadBalancerIP", "loadBalancerIP", str()),
  f("LoadBalancerSourceRanges", "loadBalancerSourceRanges", sliceOf(str())),
  f("ExternalName", "externalName", str()),
  f("ExternalTrafficPolicy", "externalTrafficPolicy", str("v1.ServiceExternalTrafficPolicy")),
  f("HealthCheckNodePort", "healthCheckNodePort", int("int32")),
  f("PublishNotReadyAddresses", "publishNotReadyAddresses", bool),
  f("SessionAffinityConfig", "sessionAffinityConfig", ptr(open("v1.SessionAffinityConfig"))),
  f("IPFamilies", "ipFamilies", sliceOf(str("v1.IPFamily"))),
  f("IPFamilyPolicy", "ipFamilyPolicy", ptr(str("v1.IPFamilyPolicy"))),
  f("AllocateLoadBalancerNodePorts", "allocateLoadBalancerNodePorts", ptr(bool)),
  f("LoadBalancerClass", "loadBalancerClass", ptr(str())),
  f("InternalTrafficPolicy", "internalTrafficPolicy", ptr(str("v1.ServiceInternalTrafficPolicy"))),
  f("TrafficDistribution", "trafficDistribution", ptr(str())),
]);

const serviceStatus = struct("v1.ServiceStatus", [
  f(
    "LoadBalancer",
    "loadBalancer",
    struct("v1.LoadBalancerStatus", [
      f(
        "Ingress",
        "ingress",
        sliceOf(
          struct("v1.LoadBalancerIngress", [
            f("IP", "ip", str()),
            f("Hostname", "hostname", str()),
            f("IPMode", "ipMode", ptr(str("v1.LoadBalancerIPMode"))),
            f("Ports", "ports", sliceOf(open("v1.PortStatus"))),
          ]),
        ),
      ),
    ]),
  ),
  f("Conditions", "conditions", sliceOf(condition)),
]);

/** [Go type name, spec, status] per kind; the package prefix is what Go prints in errors. */
function specs(kind: string, apiVersion: string): [string, GoType, GoType] | undefined {
  const gwPkg = apiVersion.endsWith("/v1alpha2") ? "v1alpha2" : apiVersion.endsWith("/v1alpha3") ? "v1alpha3" : apiVersion.endsWith("/v1beta1") ? "v1beta1" : "v1";
  switch (kind) {
    case "HTTPRoute":
    case "GRPCRoute":
    case "TLSRoute":
      return [`${gwPkg}.${kind}`, routeSpec(gwPkg, kind, true), routeStatusOf(gwPkg, kind)];
    case "TCPRoute":
    case "UDPRoute":
      return [`${gwPkg}.${kind}`, routeSpec(gwPkg, kind, false), routeStatusOf(gwPkg, kind)];
    case "Ingress":
      return ["v1.Ingress", ingressSpec, ingressStatus];
    case "Service":
      return ["v1.Service", serviceSpec, serviceStatus];
    default:
      return undefined;
  }
}

const configMapFields = [f("Data", "data", mapOf(str())), f("BinaryData", "binaryData", mapOf(sliceOf(int("uint8")))), f("Immutable", "immutable", ptr(bool))];

/** The Go type of a Kubernetes object of this kind (pointer to the struct, as the sources pass it). */
export function objectType(kind: string, apiVersion: string): GoType {
  const meta = [f("TypeMeta", null, typeMeta, true), f("ObjectMeta", "metadata", objectMeta, true)];
  if (kind === "ConfigMap") return ptr(struct("v1.ConfigMap", [...meta, ...configMapFields]));
  const s = specs(kind, apiVersion);
  // An unmodelled kind: metadata is known, the rest is read from the JSON where present.
  if (!s) return ptr(struct(`(unmodelled kind ${kind || "?"})`, meta, true));
  return ptr(struct(s[0], [...meta, f("Spec", "spec", s[1]), f("Status", "status", s[2])]));
}
