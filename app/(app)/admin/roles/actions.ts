"use server";

import {
  createRoleForm,
  createRoleFromForm,
  deleteRoleForm,
  deleteRoleFromForm,
  updateRoleForm,
  updateRoleFromForm,
} from "@/lib/rbac/console-actions";
import { previewAction } from "@/lib/rbac/what-if-actions";
import { previewRoleForm } from "@/lib/rbac/what-if-forms";
import { consoleAction } from "../console-action";

export const createRoleAction = consoleAction(createRoleForm, createRoleFromForm);
export const updateRoleAction = consoleAction(updateRoleForm, updateRoleFromForm);
export const deleteRoleAction = consoleAction(deleteRoleForm, deleteRoleFromForm);
export const previewRoleAction = previewAction(previewRoleForm);
