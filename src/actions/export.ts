'use server';
// The account page's data export (ADR 0015): "Export my data" adds an export (the DAL sends the job that
// builds it); the answer comes at once and the email follows when the ZIP is ready. One an hour, one
// kept per account, and only when it fits in the account's storage quota.
import { revalidatePath } from 'next/cache';
import { recordRefusal, recordSecurityEvent } from '@/data/audit';
import { ExportTooSoonError, startDataExport } from '@/data/exports';
import { UsageLimitError } from '@/data/usage';
import { failure, type ActionResult } from '@/lib/action-result';
import { dataExportLimitMessage } from '@/lib/rate-limit';
import { runAction } from './run-action';

export type ExportUserDataResult = ActionResult;

const MESSAGES = {
  started: 'Export started. You will receive an email when ready.',
  failed: 'Could not start the export. Please try again.',
} as const;

/** Form action (previousState, formData): the form has no fields; the session says whose data. */
export async function exportUserData(
  previousState: ExportUserDataResult | null,
  formData: FormData,
): Promise<ExportUserDataResult> {
  void previousState;
  void formData;
  return runAction(
    {
      action: 'exportUserData',
      signedOut: { returnTo: '/account' },
      // No revalidation here: with the database down, re-rendering /account would only fail too.
      unexpected: () => failure(MESSAGES.failed),
    },
    async (context) => {
      const { user, address, requestId } = context;
      let exportId: string;
      try {
        exportId = await startDataExport(user);
      } catch (error) {
        const refusal = refusalOf(error, user.id);
        if (!refusal) throw error;
        await recordRefusal('usage.limited', { userId: user.id, address, requestId, ...refusal.audit });
        return failure(refusal.message);
      }
      await recordSecurityEvent('account.data_export_requested', {
        userId: user.id,
        address,
        requestId,
        detail: exportId,
      });
      revalidatePath('/account');
      return { success: true, message: MESSAGES.started };
    },
  );
}

/** A limit of the account refused the export (the hourly rate, or the storage quota), or null. */
function refusalOf(
  error: unknown,
  userId: string,
): { message: string; audit: { detail: string; counter: string } } | null {
  if (error instanceof ExportTooSoonError)
    return {
      message: dataExportLimitMessage(error.retryAfterSeconds),
      audit: { detail: 'dataExports', counter: `data-export:user:${userId}` },
    };
  if (error instanceof UsageLimitError)
    return { message: error.userMessage, audit: { detail: 'dataExportStorage', counter: `storage:user:${userId}` } };
  return null;
}
