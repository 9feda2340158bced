import { NextResponse, type NextRequest } from "next/server";
import { FORM_COOKIE, FORM_MAX_AGE_SECONDS, mintFormCookie, parseFormCookie } from "@/lib/notes/form-cookie";

// Sets the same-site form token (lib/notes/form-cookie.ts) on the pages that hold a notes form.
// An article view always sets a fresh one: its time is when the form was shown, which the
// minimum time-to-submit is measured from. The other pages set one only if there is none.
// Router prefetches are no page view and leave it alone.
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (request.method !== "GET" || request.headers.has("rsc") || request.headers.has("next-router-prefetch")) return response;
  const article = request.nextUrl.pathname.startsWith("/errors/");
  const current = parseFormCookie(request.cookies.get(FORM_COOKIE)?.value);
  const now = Date.now();
  if (article || !current || now - current.issuedAt > FORM_MAX_AGE_SECONDS * 500) {
    const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    response.cookies.set(FORM_COOKIE, mintFormCookie(now), { httpOnly: true, sameSite: "strict", secure: https, path: "/", maxAge: FORM_MAX_AGE_SECONDS });
  }
  return response;
}

export const config = { matcher: ["/errors/:slug", "/notes/:path*", "/admin"] };
