// Signs in through next-auth's credentials endpoint as a browser would, and keeps the session cookie.

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";", 1)[0] as string);
}

/** The Cookie header of a signed-in session. */
export async function signIn(origin: string, login: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ login, password, csrfToken, callbackUrl: `${origin}/sales` }),
  });
  await response.arrayBuffer();
  const session = cookiesOf(response).find((cookie) => /session-token=/.test(cookie));
  if (!session) throw new Error(`signing in as ${login} set no session cookie (status ${response.status})`);
  return [...jar.filter((cookie) => !/session-token=/.test(cookie)), session].join("; ");
}
