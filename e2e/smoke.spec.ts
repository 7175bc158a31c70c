import { expect, test } from "@playwright/test";

test("the server answers with its security headers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBeLessThan(500);
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the sign-in page is served", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/html");
});
