"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";

export interface SignInState {
  error?: string;
  login?: string;
}

/** Only same-site paths: an open redirect after sign-in would hand the session to phishing pages. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const login = String(formData.get("login") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!login || !password) return { error: "Enter your username or email and your password.", login };
  try {
    await signIn("credentials", { login, password, redirectTo: safeCallback(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { error: "Too many failed sign-ins. Wait 15 minutes and try again.", login };
    }
    if (error instanceof AuthError) return { error: "Wrong username, email or password.", login };
    // signIn redirects by throwing; let Next handle it.
    throw error;
  }
}
