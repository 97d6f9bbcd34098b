import { getSession, login, logout } from "@/lib/server/auth/session-api";

export const dynamic = "force-dynamic";

/** Who am I: name, role, the CSRF token for writes, and the auth mode. */
export function GET(req: Request) {
  return getSession(req);
}

/** Token mode: exchanges {token} for a session cookie. */
export function POST(req: Request) {
  return login(req);
}

export function DELETE(req: Request) {
  return logout(req);
}
