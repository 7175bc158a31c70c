"use server";

import {
  accountForm,
  assignRoleFromForm,
  grantForm,
  grantFromForm,
  revokeGrantForm,
  revokeGrantFromForm,
  revokeRoleFromForm,
  roleAssignForm,
  roleAssignmentForm,
  startViewAsFromForm,
  updateAccountFromForm,
  viewAsForm,
} from "@/lib/rbac/console-actions";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { resetSecondFactor } from "@/lib/auth/mfa-recovery";
import { endAllSessionsOf } from "@/lib/auth/sessions";
import { uuidSchema } from "@/lib/validation";
import { previewAction } from "@/lib/rbac/what-if-actions";
import { previewAccountForm, previewAssignForm, previewGrantForm } from "@/lib/rbac/what-if-forms";
import { consoleAction } from "../console-action";

export const updateAccountAction = consoleAction(accountForm, updateAccountFromForm);
export const assignRoleAction = consoleAction(roleAssignForm, assignRoleFromForm);
export const revokeRoleAction = consoleAction(roleAssignmentForm, revokeRoleFromForm);
export const grantAction = consoleAction(grantForm, grantFromForm);
export const previewGrantAction = previewAction(previewGrantForm);
export const previewAssignAction = previewAction(previewAssignForm);
export const previewAccountAction = previewAction(previewAccountForm);
export const revokeGrantAction = consoleAction(revokeGrantForm, revokeGrantFromForm);
export const startViewAsAction = consoleAction(viewAsForm, startViewAsFromForm);

export const endAllSessionsAction = authedAction(z.object({ user_id: uuidSchema }), async (input, viewer) => {
  const ended = await endAllSessionsOf(viewer, input.user_id);
  revalidatePath(`/admin/users/${input.user_id}`);
  return ended === 0
    ? "There were no sessions to end."
    : `Ended ${ended} session${ended === 1 ? "" : "s"}: signed out everywhere on the next request.`;
});

export const resetSecondFactorAction = authedAction(z.object({ user_id: uuidSchema }), async (input, viewer) => {
  const ended = await resetSecondFactor(viewer, input.user_id);
  revalidatePath(`/admin/users/${input.user_id}`);
  return `Two-factor sign-in is off for this account and ${ended} session${ended === 1 ? "" : "s"} ended. The password alone signs in until it is turned on again.`;
});
