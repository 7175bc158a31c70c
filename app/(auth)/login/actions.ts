"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import type { SignInState } from "@/lib/action-state";
import { safeReturnPath } from "@/lib/navigation";

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  // A hand-made request may post anything as the action's arguments.
  if (!(formData instanceof FormData)) return { error: "This form could not be read. Reload the page and try again." };
  const ticket = String(formData.get("ticket") ?? "");
  if (ticket) return secondStep(ticket, formData);
  const login = String(formData.get("login") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!login) return { error: "Enter your username or email.", login, field: "login" };
  if (!password) return { error: "Enter your password.", login, field: "password" };
  try {
    await signIn("credentials", { login, password, redirectTo: safeReturnPath(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith("second-factor:")) {
      return { ticket: error.code.slice("second-factor:".length), login };
    }
    if (error instanceof CredentialsSignin && error.code.startsWith("throttled")) {
      const wait = waitInWords(Number(error.code.split(/[-:]/)[1]));
      return { error: `Too many failed sign-ins for this account from here. Try again in ${wait}.`, login };
    }
    if (error instanceof CredentialsSignin && error.code === "unavailable") {
      return { error: "We cannot check your password right now. Try again in a moment.", login };
    }
    if (error instanceof AuthError) return { error: "Wrong username, email or password.", login };
    // signIn redirects by throwing; let Next handle it.
    throw error;
  }
}

/** The code step: a code from the authenticator app, or a recovery code. */
async function secondStep(ticket: string, formData: FormData): Promise<SignInState> {
  const code = String(formData.get("code") ?? "").trim();
  if (!code) return { error: "Enter the code from your authenticator app.", ticket };
  try {
    await signIn("credentials", { ticket, code, redirectTo: safeReturnPath(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith("throttled")) {
      const wait = waitInWords(Number(error.code.split(/[-:]/)[1]));
      return { error: `Too many wrong codes for this account from here. Try again in ${wait}.`, ticket };
    }
    if (error instanceof CredentialsSignin && error.code.startsWith("bad-code")) {
      return { error: "That code is not right. Try the app's current code, or a recovery code.", ticket };
    }
    if (error instanceof CredentialsSignin && error.code === "unavailable") {
      return { error: "We cannot check your code right now. Try again in a moment.", ticket };
    }
    if (error instanceof AuthError) return { error: "That sign-in took too long. Start again." };
    throw error;
  }
}

/** "45 seconds", "2 minutes", "3 hours": the wait, rounded up to the unit people would say. */
function waitInWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "a few minutes";
  const say = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return say(Math.ceil(seconds), "second");
  if (seconds < 3600) return say(Math.ceil(seconds / 60), "minute");
  return say(Math.ceil(seconds / 3600), "hour");
}
