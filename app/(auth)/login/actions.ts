"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/navigation";

export interface SignInState {
  error?: string;
  login?: string;
  /** The one field to blame, when there is one; otherwise both are marked. */
  field?: "login" | "password";
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const login = String(formData.get("login") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!login) return { error: "Enter your username or email.", login, field: "login" };
  if (!password) return { error: "Enter your password.", login, field: "password" };
  try {
    await signIn("credentials", { login, password, redirectTo: safeReturnPath(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith("throttled")) {
      const wait = waitInWords(Number(error.code.split("-")[1]));
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

/** "45 seconds", "2 minutes", "3 hours": the wait, rounded up to the unit people would say. */
function waitInWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "a few minutes";
  const say = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return say(Math.ceil(seconds), "second");
  if (seconds < 3600) return say(Math.ceil(seconds / 60), "minute");
  return say(Math.ceil(seconds / 3600), "hour");
}
