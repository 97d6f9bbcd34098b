// Root-level alias of /api/healthz for Kubernetes liveness probes.
export const dynamic = "force-dynamic";
export { GET } from "../api/healthz/route";
