#!/usr/bin/env node
// Usage: node .ci/sign-in-check.mjs <base-url> <server-pid> <seconds>
// Waits until GET /login answers 200 (failing when the server exits first or the time is up), then
// signs in as alice the way a browser does (next-auth's CSRF token and cookie, then the
// credentials callback) and checks that /sales lists her deals and none of another rep's.
// Exits non-zero, saying why, when any of that fails.
const [base, pid, seconds] = process.argv.slice(2);
if (!base || !pid || !seconds) {
  console.error("usage: node .ci/sign-in-check.mjs <base-url> <server-pid> <seconds>");
  process.exit(2);
}
const password = process.env.DEMO_PASSWORD || "correct-horse-battery";
/** Owners of demo deals other than alice: none of their names may appear on her sales page. */
const OTHERS = ["Bob Baker", "Carol Chen", "Erin Evans", "Frank Foster"];

const jar = new Map();
function remember(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
}
async function request(path, init = {}) {
  const headers = new Headers(init.headers);
  if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
  const response = await fetch(new URL(path, base), { ...init, headers, redirect: "manual" });
  remember(response);
  return response;
}
function fail(message) {
  console.error(`sign-in check: ${message}`);
  process.exit(1);
}

const alive = () => {
  try {
    return process.kill(Number(pid), 0);
  } catch {
    return false;
  }
};
const started = performance.now();
for (let last = "no answer"; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
  if (!alive()) fail(`the server exited before GET /login answered (last: ${last})`);
  if (performance.now() - started > Number(seconds) * 1000)
    fail(`GET /login never answered 200 in ${seconds}s (last: ${last})`);
  const login = await fetch(new URL("/login", base), { signal: AbortSignal.timeout(30_000) }).catch((error) => error);
  if (login.status === 200) break;
  last = login.status ?? login.cause?.code ?? String(login);
}
console.log(`GET ${base}/login -> 200 after ${((performance.now() - started) / 1000).toFixed(1)}s`);

const login = await request("/login");
if (login.status !== 200) fail(`GET /login answered ${login.status}`);

const csrf = await request("/api/auth/csrf");
const { csrfToken } = await csrf.json();
if (!csrfToken) fail("GET /api/auth/csrf gave no token");

const callback = await request("/api/auth/callback/credentials", {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ login: "alice", password, csrfToken, callbackUrl: "/" }),
});
const location = callback.headers.get("location") ?? "";
if (callback.status !== 302 || location.includes("error")) {
  fail(`signing in as alice answered ${callback.status} to ${location || "(no location)"}`);
}
if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) fail("no session cookie after sign-in");

const page = await request("/sales");
const html = await page.text();
if (page.status !== 200)
  fail(
    `GET /sales answered ${page.status}${page.headers.get("location") ? ` to ${page.headers.get("location")}` : ""}`,
  );
const rows = new Set([...html.matchAll(/href=["']\/sales\/([0-9a-f-]{36})["']/g)].map((match) => match[1])).size;
if (rows === 0) fail("/sales lists no deals");
if (!html.includes("Alice Archer")) fail("/sales does not name alice");
const leaked = OTHERS.filter((name) => html.includes(name));
if (leaked.length > 0) fail(`/sales shows deals of ${leaked.join(", ")}`);
console.log(`signed in as alice: /sales lists ${rows} of her deals and none of ${OTHERS.join(", ")}`);
