'use server';
// The contract's image actions: a signed upload URL (60 s) into the caller's own folder (within the
// account's rate and storage quota), and a signed view URL (1 h) for one of the caller's own images.
import { createImageUpload, createImageViewUrl } from '@/data/images';
import { spendUsageRates, UsageLimitError } from '@/data/usage';
import { logSecurityEvent } from '@/lib/logger';
import { uploadRequestSchema } from '@/lib/validations/image';
import { runAction } from './run-action';

export type UploadUrlResult = {
  success: boolean;
  uploadUrl?: string;
  storagePath?: string;
  /** Headers the PUT must carry (signed with the URL). */
  headers?: Record<string, string>;
  message?: string;
};
export type SignedUrlResult = { success: boolean; signedUrl?: string; message?: string };

const MESSAGES = {
  unauthorized: 'Unauthorized',
  forbidden: 'You do not have permission to access this image',
  uploadUrlFailed: 'Failed to generate upload URL',
  viewUrlFailed: 'Failed to generate image URL',
} as const;

export async function generateImageUploadUrl(input: {
  filename: string;
  fileType: string;
  fileSize: number;
}): Promise<UploadUrlResult> {
  return runAction<UploadUrlResult>(
    {
      action: 'generateImageUploadUrl',
      signedOut: () => ({ success: false, message: MESSAGES.unauthorized }),
      unexpected: () => ({ success: false, message: MESSAGES.uploadUrlFailed }),
      // Over a rate or the storage quota: the contract's failure shape, nothing handed out.
      expected: (error) =>
        error instanceof UsageLimitError ? { success: false, message: error.userMessage } : undefined,
    },
    async ({ user }) => {
      const parsed = uploadRequestSchema.safeParse(input ?? {});
      if (!parsed.success)
        return { success: false, message: parsed.error.issues[0]?.message ?? MESSAGES.uploadUrlFailed };
      await spendUsageRates(user, ['uploadUrls']);
      const upload = await createImageUpload(user, parsed.data);
      return { success: true, uploadUrl: upload.uploadUrl, storagePath: upload.storagePath, headers: upload.headers };
    },
  );
}

export async function getImageSignedUrl(input: { imagePath: string }): Promise<SignedUrlResult> {
  return runAction<SignedUrlResult>(
    {
      action: 'getImageSignedUrl',
      signedOut: () => ({ success: false, message: MESSAGES.unauthorized }),
      unexpected: () => ({ success: false, message: MESSAGES.viewUrlFailed }),
    },
    async ({ user }) => {
      const signedUrl = await createImageViewUrl(user, String(input?.imagePath ?? ''));
      if (!signedUrl) {
        logSecurityEvent('access.refused', { userId: user.id, reason: 'image outside own folder' });
        return { success: false, message: MESSAGES.forbidden };
      }
      return { success: true, signedUrl };
    },
  );
}
