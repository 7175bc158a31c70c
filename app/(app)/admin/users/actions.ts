"use server";

import {
  accountForm,
  assignRoleFromForm,
  grantForm,
  grantFromForm,
  revokeGrantForm,
  revokeGrantFromForm,
  revokeRoleFromForm,
  roleAssignmentForm,
  startViewAsFromForm,
  updateAccountFromForm,
  viewAsForm,
} from "@/lib/rbac/console-actions";
import { consoleAction } from "../console-action";

export const updateAccountAction = consoleAction(accountForm, updateAccountFromForm);
export const assignRoleAction = consoleAction(roleAssignmentForm, assignRoleFromForm);
export const revokeRoleAction = consoleAction(roleAssignmentForm, revokeRoleFromForm);
export const grantAction = consoleAction(grantForm, grantFromForm);
export const revokeGrantAction = consoleAction(revokeGrantForm, revokeGrantFromForm);
export const startViewAsAction = consoleAction(viewAsForm, startViewAsFromForm);
