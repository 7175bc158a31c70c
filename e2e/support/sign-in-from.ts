// Signs in over a real socket from a chosen loopback address (127.0.0.1, 127.0.0.2, …), the way a
// browser does (next-auth's CSRF token and cookie, then the credentials callback), optionally with
// a forged X-Forwarded-For. Answers where the callback redirected to.
import http from "node:http";
import { BASE_URL } from "./settings";

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  body: string;
}

function send(url: URL, from: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method ?? "GET", headers: init.headers, localAddress: from },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: String(response.headers.location ?? ""),
            cookies: (response.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]!),
            body,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

/** The callback's redirect: `/login?error=CredentialsSignin&code=…` when refused. */
export async function signInFrom(
  from: string,
  login: string,
  password: string,
  forwardedFor?: string,
  base = BASE_URL,
): Promise<string> {
  const forged: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send(new URL("/api/auth/csrf", base), from, { headers: forged });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const callback = await send(new URL("/api/auth/callback/credentials", base), from, {
    method: "POST",
    headers: {
      ...forged,
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookies.join("; "),
    },
    body: new URLSearchParams({ login, password, csrfToken, callbackUrl: "/" }).toString(),
  });
  return callback.location;
}
